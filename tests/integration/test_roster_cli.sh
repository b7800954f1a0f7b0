#!/usr/bin/env bash
# roster import/list/export/remove as staff scripts use them, bad input included.
source "$(dirname "$0")/lib.sh"
R="$FIXTURES/rosters"
cs351 course add CS351-S26 --name "Cloud Computing" --timezone America/Indiana/Indianapolis 2>/dev/null
db="$XDG_DATA_HOME/cs351/cs351.db"
count() { sqlite3 "$db" "$1"; }

# First import: summary line on stderr, JSON counts on stdout.
run cs351 roster import "$R/gradescope_roster.csv" --course CS351-S26 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'd["inserted"]')" "8"
expect_contains "$ERR" "inserted 8, updated 0, unchanged 0, removed 0"

# Re-import changes nothing and says so; the store is byte-for-byte the same data.
before=$(sqlite3 "$db" "SELECT * FROM people ORDER BY id; SELECT * FROM enrollments ORDER BY course_id, person_id" | sha256sum)
run cs351 roster import "$R/gradescope_roster.csv" --course CS351-S26
expect_rc 0
expect_contains "$ERR" "unchanged 8"
expect_contains "$ERR" "nothing changed"
expect_eq "$(sqlite3 "$db" "SELECT * FROM people ORDER BY id; SELECT * FROM enrollments ORDER BY course_id, person_id" | sha256sum)" "$before" "store"

# list: JSON fields, role filter.
run cs351 roster list --course CS351-S26 --format json
expect_eq "$(echo "$OUT" | json 'sorted(d[0].keys())')" "['email', 'first_name', 'gradescope_user_id', 'last_name', 'name', 'role', 'sections', 'sid', 'status']"
expect_eq "$(echo "$OUT" | json '[r["sections"] for r in d if r["email"]=="ada.lovelace@example.edu"][0]')" "['L01', 'R02']"
run cs351 roster list --course CS351-S26 --role ta --format json
expect_eq "$(echo "$OUT" | json '[r["email"] for r in d]')" "['ghopper@example.edu']"

# Export guards formulas and round-trips losslessly through import (csv and json).
run cs351 roster export --course CS351-S26
expect_contains "$OUT" "\"'=HYPERLINK("
echo "$OUT" > "$T/export.csv"
cs351 roster export --course CS351-S26 --format json > "$T/export.json"
for f in export.csv export.json; do
  cs351 course add COPY-$f >/dev/null 2>&1
  run cs351 roster import "$T/$f" --course COPY-$f
  expect_rc 0 "$f"
  cs351 roster export --course COPY-$f --format json > "$T/again-$f"
  expect_eq "$(cat "$T/again-$f")" "$(cat "$T/export.json")" "round trip through $f"
done
run cs351 roster export --course CS351-S26 --format gradescope
expect_eq "$(echo "$OUT" | head -1 | tr -d '\r')" "First Name,Last Name,Email,SID,Sections"

# Registrar CSV with other headers, LF endings, via stdin, role from --role.
printf 'Student Name,E-Mail Address,Student ID\n"Lovelace, Ada",ADA.LOVELACE@example.edu,1001\nNew Person,new@example.edu,2001\n' > "$T/reg.csv"
run cs351 roster import - --course CS351-S26 < "$T/reg.csv"
expect_rc 0
expect_contains "$ERR" "inserted 1, updated 0, unchanged 1"

# --dry-run prints the plan and writes nothing.
printf 'Email,Role\nghopper@example.edu,instructor\nfresh@example.edu,ta\n' > "$T/tas.csv"
n_before=$(count "SELECT COUNT(*) FROM events")
run cs351 roster import "$T/tas.csv" --course CS351-S26 --sync --dry-run
expect_rc 0
expect_contains "$OUT" "add     fresh@example.edu"
expect_contains "$OUT" "update  ghopper@example.edu  instructor  role 'ta' -> 'instructor'"
run cs351 roster import "$T/tas.csv" --course CS351-S26 --sync --dry-run --format json
expect_eq "$(echo "$OUT" | json '[(c["action"], c["email"], c["role"], c["details"]) for c in d["changes"]]')" \
  "[('update', 'ghopper@example.edu', 'instructor', [\"role 'ta' -> 'instructor'\"]), ('add', 'fresh@example.edu', 'ta', []), ('drop', 'prof@example.edu', 'instructor', [])]"
expect_eq "$(echo "$OUT" | json 'd["dry_run"]')" "True"
expect_contains "$ERR" "dry run, nothing written"
expect_eq "$(count "SELECT COUNT(*) FROM events")" "$n_before" "events after dry run"
expect_eq "$(count "SELECT COUNT(*) FROM people WHERE email='fresh@example.edu'")" "0"

# --sync drops people missing from the list (kept, reported in removed).
printf 'Email\nada.lovelace@example.edu\nalan.turing@example.edu\n' > "$T/two.csv"
run cs351 roster import "$T/two.csv" --course CS351-S26 --sync --format json
expect_eq "$(echo "$OUT" | json 'd["removed"]')" "5"
expect_eq "$(count "SELECT status FROM enrollments e JOIN people p ON p.id=e.person_id WHERE email='pat.smith@example.edu' AND course_id=1")" "dropped"
run cs351 roster list --course CS351-S26 --role student --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "2"
run cs351 roster list --course CS351-S26 --include-dropped --format json
expect_eq "$(echo "$OUT" | json 'len([r for r in d if r["status"]=="dropped"])')" "5"

# Bad input: exit 65, every problem with file:line, nothing written.
snapshot() { sqlite3 "$db" "SELECT COUNT(*) FROM people; SELECT COUNT(*) FROM enrollments; SELECT COUNT(*) FROM events"; }
bad() {  # bad NAME CONTENT EXPECTED...
  local name=$1 content=$2; shift 2
  printf '%b' "$content" > "$T/$name"
  local before; before=$(snapshot)
  run cs351 roster import "$T/$name" --course CS351-S26
  expect_rc 65 "$name"
  for e in "$@"; do expect_contains "$ERR" "$e" "stderr for $name"; done
  expect_not_contains "$ERR" "terminate called" "stderr for $name"
  expect_eq "$(snapshot)" "$before" "store after $name"
}
bad noemail.csv 'Email,Name\n,Nobody\nok@example.edu,Ok\n' "noemail.csv:2: missing email"
bad invalid.csv 'Email,Name\nnot an email,X\nx@y,Y\nok2@example.edu,Ok\n' "invalid.csv:2: email contains a space" "invalid.csv:3: email domain has no dot"
bad dup.csv 'Email,Name\na@example.edu,A\nb@example.edu,B\nA@Example.edu,A2\n' "dup.csv:4: duplicate email a@example.edu (first seen at 2)"
bad nocol.csv 'Name,SID\nA,1\n' "nocol.csv:1: missing required column Email"
bad empty.csv '' "empty.csv:1: the file is empty"
bad header.csv 'Email,Name\n' "header only"
bad binary.csv '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' "binary data"
bad latin1.csv 'Email,Name\nj@example.edu,Jos\xe9\n' "latin1.csv:2: invalid UTF-8"
bad quote.csv 'Email,Name\nq@example.edu,"unterminated\n' "quote.csv:2: unterminated quoted field"
bad sid.csv 'Email,SID\nsomeone.else@example.edu,1001\n' "sid.csv:2: SID 1001 of someone.else@example.edu already belongs to ada.lovelace@example.edu in CS351-S26: fix the SID in the file, or, if they are one person under a new email, remove ada.lovelace@example.edu from CS351-S26's roster first"
bad sid2.csv 'Email,SID\nx1@example.edu,77\nx2@example.edu,77\n' "sid2.csv:3: SID 77 is also given to x1@example.edu (line 2)"
bad many.csv 'Email,Role\n,student\nbad,student\nc@example.edu,wizard\n' "many.csv:2:" "many.csv:3:" "many.csv:4: unknown role 'wizard'" "3 problem(s)"
bad hostile.json '[{"email":"<script>@x"}, "str", {"email": "ok@example.edu", "role": {"$gt": 1}}]' "hostile.json:record 1:" "hostile.json:record 2: not a JSON object" "hostile.json:record 3: unknown role"
run cs351 roster import "$T/nonexistent.csv" --course CS351-S26
expect_rc 65
expect_contains "$ERR" "nonexistent.csv: cannot read"
run cs351 roster import "$R/gradescope_roster.csv" --course NOPE
expect_rc 65
expect_contains "$ERR" "unknown course 'NOPE'"

# Huge unicode roster in one transaction.
python3 - "$T/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("First Name,Last Name,Email,SID,Sections\n")
    for i in range(20000):
        f.write(f'Zoë{i},"Ñúñez, {i}",user{i}@example.edu,S{i},"L{i%7}; R{i%3}"\n')
PY
run cs351 roster import "$T/big.csv" --course CS351-S26 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'd["inserted"]')" "20000"

# Two imports at once into one store: both finish (busy timeout), each in one transaction.
cs351 course add PAR-A >/dev/null 2>&1
cs351 course add PAR-B >/dev/null 2>&1
cs351 roster import "$T/big.csv" --course PAR-A --format json > "$T/par-a.json" 2>/dev/null &
pa=$!
cs351 roster import "$T/big.csv" --course PAR-B --format json > "$T/par-b.json" 2>/dev/null &
pb=$!
wait $pa || fail "parallel import A failed"
wait $pb || fail "parallel import B failed"
expect_eq "$(json 'd["inserted"]' < "$T/par-a.json")" "20000" "parallel A"
expect_eq "$(json 'd["inserted"]' < "$T/par-b.json")" "20000" "parallel B"

# remove: refuses without a TTY unless --yes; warns about unknown emails.
run cs351 roster remove --course CS351-S26 ada.lovelace@example.edu < /dev/null
expect_rc 2
expect_contains "$ERR" "pass --yes"
run cs351 roster remove --course CS351-S26 ADA.LOVELACE@example.edu nobody@example.edu --yes
expect_rc 0
expect_contains "$ERR" "nobody@example.edu is not in CS351-S26"
expect_contains "$ERR" "CS351-S26: removed 1"
expect_eq "$(count "SELECT COUNT(*) FROM people WHERE email='ada.lovelace@example.edu'")" "1" "person kept"
run cs351 roster remove --course CS351-S26 nobody@example.edu --yes
expect_rc 65

# SIDs are unique within a course, not across the store: the same roster goes into a
# second course, and so does a person another course knows under another email.
cs351 course add CS351-F26 2>/dev/null
run cs351 roster import "$R/gradescope_roster.csv" --course CS351-F26
expect_rc 0 "same roster, second course"
printf 'Email,Name,SID\nalan@campus2.example.edu,Alan Turing,1002\n' >"$T/alias.csv"
run cs351 course add CS351-X 2>/dev/null
run cs351 roster import "$T/alias.csv" --course CS351-X
expect_rc 0 "same SID, other email, other course"
expect_eq "$(count "SELECT COUNT(*) FROM people WHERE sid='1002'")" "2" "both rows kept"
# ...but within that course the SID is taken.
run cs351 roster import "$T/alias.csv" --course CS351-F26
expect_rc 65 "SID taken in this course"
expect_contains "$ERR" "SID 1002 of alan@campus2.example.edu already belongs to alan.turing@example.edu in CS351-F26"
echo ok
