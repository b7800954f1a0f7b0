#!/usr/bin/env bash
# Help that speaks to people: no parser type names (INT, N:POSITIVE=0, REQUIRED,
# INT in [1 - 64]) in any command's --help or any man page; range and date errors in words.
source "$(dirname "$0")/lib.sh"

# What the parser would show: its type names, validator names, ranges and "=0" defaults.
# The man pages carry the docs, whose store schemas say TEXT (an SQLite type): TEXT is
# looked for in every --help, where the parser would print it for a string option.
MAN_WORDS='(^|[^A-Za-z_])(U?INT|FLOAT|POSITIVE|NONNEGATIVE|REQUIRED)([^A-Za-z_]|$)|in \[[-0-9.e+]+ - |(^|[^A-Za-z_])[A-Z]+(:[A-Z ]+)?=[0-9[]'
HELP_WORDS="$MAN_WORDS|(^|[^A-Za-z_])TEXT([^A-Za-z_]|\$)"

cs351 __man --docs "$CS351_SOURCE_DIR/docs" --out "$T/man"
pages=$(ls "$T/man"/*.1 | wc -l)
[ "$pages" -gt 10 ] || fail "expected a man page per command, got $pages"
if grep -EHn "$MAN_WORDS" "$T/man"/*.1 >"$T/hits"; then fail "parser words in man pages:
$(cat "$T/hits")"; fi

# Every command the man pages list (the .SS headers), and each group and the top level.
commands=$(sed -n 's/^\.SS "\(cs351 .*\)"$/\1/p' "$T/man"/*.1 | sort -u)
[ "$(echo "$commands" | wc -l)" -gt 40 ] || fail "too few commands found: $commands"
groups=$(ls "$T/man" | sed -n 's/^cs351-\(.*\)\.1$/cs351 \1/p')
checked=0
while read -r command; do
  read -ra words <<<"${command#cs351 }"
  cs351 ${words[@]+"${words[@]}"} --help >"$T/help" 2>&1 || fail "$command --help failed"
  if grep -En "$HELP_WORDS" "$T/help" >"$T/hits"; then fail "parser words in '$command --help':
$(cat "$T/hits")"; fi
  checked=$((checked + 1))
done < <(printf 'cs351\n%s\n%s\n' "$groups" "$commands")
[ "$checked" -gt 50 ] || fail "checked only $checked helps"

# The words people read instead.
run cs351 --help
expect_contains "$OUT" "--limit N (a positive number)" "global options in help"
run cs351 autograde worker --help
expect_contains "$OUT" "--concurrency N (1..64" "a range in help"
run cs351 roster import --help
expect_contains "$OUT" "(required)" "a required option in help"

# Range and date errors in words, exit 2.
run cs351 course list --limit 0
expect_rc 2 "--limit 0"
expect_contains "$ERR" "cs351: error: --limit must be at least 1 (got '0')"
expect_not_contains "$ERR" "1.79" "the error"
run cs351 autograde worker --concurrency 65
expect_rc 2 "--concurrency 65"
expect_contains "$ERR" "--concurrency must be between 1 and 64 (got '65')"
for day in 2026-13-01 2026-02-30 2026-2-3 yesterday; do
  run cs351 usage daily --since "$day"
  expect_rc 2 "usage daily --since $day"
  expect_contains "$ERR" "--since must be a day as YYYY-MM-DD, e.g. 2026-02-15 (got '$day')"
done
run cs351 assignments add hw1 --course CS351 --due 2026-02-31T23:59
expect_rc 2 "--due on a day that does not exist"
expect_contains "$ERR" "--due must be a time as YYYY-MM-DDTHH:MM"
