# Names carrying terminal escape sequences (ESC, other C0 and C1 controls): a table shows
# them as visible escapes, so a student's name cannot rewrite the instructor's terminal;
# CSV and JSON keep the bytes exactly.
source "$(dirname "$0")/lib.sh"
cs351 course add CS351 2>/dev/null
printf 'email,name,role\nmallory@x.edu,"Mal\033]0;pwned\007\033[2Jlory\302\233c",student\n' > "$T/roster.csv"
run cs351 roster import "$T/roster.csv" --course CS351
expect_rc 0
run cs351 roster list --course CS351 --format table
expect_rc 0
expect_contains "$OUT" 'Mal\x1b]0;pwned\x07\x1b[2Jlory\u009bc'
case "$OUT" in *$'\033'* | *$'\007'* | *$'\302\233'*) fail "raw control bytes in the table: $OUT" ;; esac
run cs351 roster list --course CS351 --format csv
expect_contains "$OUT" $'Mal\033]0;pwned\007\033[2Jlory\302\233c'
run cs351 roster list --course CS351 --format json
expect_eq "$(echo "$OUT" | json 'd[0]["name"]')" $'Mal\033]0;pwned\007\033[2Jlory\302\233c' "name in JSON"
