#!/usr/bin/env bash
# Courses as staff manage them: add refuses to change an existing course (edit
# does), a default course (flag > CS351_COURSE > course.default, `course use`),
# courses named by prefix, unlink, and remove with its dry run and --force.
source "$(dirname "$0")/lib.sh"
CONFIG="$XDG_CONFIG_HOME/cs351/config.toml"

run cs351 course add CS351-S26 --name "Cloud Computing" --timezone America/Indiana/Indianapolis
expect_rc 0
expect_contains "$ERR" "CS351-S26: inserted"
# Re-running the same add is safe; a different time zone is refused, not applied.
run cs351 course add CS351-S26 --timezone America/Indiana/Indianapolis
expect_rc 0
expect_contains "$ERR" "CS351-S26: unchanged"
run cs351 course add CS351-S26 --timezone Europe/Berlin
expect_rc 2 "add on an existing code"
expect_contains "$ERR" "course CS351-S26 exists with time zone 'America/Indiana/Indianapolis' (not 'Europe/Berlin'); nothing changed"
expect_contains "$ERR" "cs351 course edit CS351-S26 --timezone Europe/Berlin"
expect_eq "$(q "SELECT timezone FROM courses WHERE code='CS351-S26'")" "America/Indiana/Indianapolis" "time zone kept"

# edit changes what is given, by any name of the course.
run cs351 course edit cs351-s26 --term "Spring 2026"
expect_rc 0
expect_contains "$ERR" "updated"
expect_eq "$(q "SELECT term || '|' || timezone FROM courses WHERE code='CS351-S26'")" "Spring 2026|America/Indiana/Indianapolis"
run cs351 course edit CS351-S26 --timezone Mars/Base
expect_rc 2 "bad zone"
run cs351 course edit CS351-S26
expect_rc 2 "nothing to change"
run cs351 course edit NOPE --name x
expect_rc 65 "unknown course"

# A default course: none yet -> a usage error naming the ways to give one.
printf 'email,name,sid\nada@example.edu,Ada,1001\nalan@example.edu,Alan,1002\n' >"$T/roster.csv"
run cs351 roster list
expect_rc 2 "no course"
expect_contains "$ERR" "give --course CODE, or set a default: cs351 course use CODE"
# Prefixes and names find courses too; an ambiguous one lists the candidates.
cs351 course add CS351-F26 --name "Cloud Computing" 2>/dev/null
run cs351 roster import "$T/roster.csv" --course CS351
expect_rc 2 "ambiguous course prefix"
expect_contains "$ERR" "'CS351' matches 2 courses"
expect_contains "$ERR" "CS351-F26 (Cloud Computing)"
expect_contains "$ERR" "CS351-S26 (Cloud Computing)"
run cs351 roster import "$T/roster.csv" --course cs351-s2
expect_rc 0 "unique prefix"
expect_contains "$ERR" "inserted 2"

# env CS351_COURSE: used, and said on stderr with -v (and on a terminal).
run env CS351_COURSE=CS351-S26 "$CS351_BIN" roster list --format json -v
expect_rc 0
expect_eq "$(echo "$OUT" | json 'len(d)')" "2"
expect_contains "$ERR" "course CS351-S26 (from env CS351_COURSE)"
run env CS351_COURSE=NOPE "$CS351_BIN" roster list
expect_rc 65 "unknown default"
expect_contains "$ERR" "the default course from env CS351_COURSE: unknown course 'NOPE'"

# course use writes course.default into the config, keeping what is there.
mkdir -p "$(dirname "$CONFIG")"
printf '# my settings\n[gradescope]\nbase_url = "http://127.0.0.1:9"\n' >"$CONFIG"
run cs351 course use cs351-f
expect_rc 0
expect_contains "$ERR" "default course: CS351-F26 (course.default in $CONFIG)"
expect_contains "$(cat "$CONFIG")" "# my settings"
expect_contains "$(cat "$CONFIG")" '[course]
default = "CS351-F26"'
run cs351 roster list --format json -v
expect_rc 0
expect_eq "$(echo "$OUT" | json 'len(d)')" "0" "the F26 roster is empty"
expect_contains "$ERR" "course CS351-F26 (from course.default in $CONFIG)"
# On a terminal the note shows without -v; piped and quiet, it does not.
script -qfec "'$CS351_BIN' roster list" /dev/null >"$T/tty.out" 2>&1 || fail "roster list under a terminal"
expect_contains "$(cat "$T/tty.out")" "course CS351-F26 (from course.default in $CONFIG)" "terminal output"
run cs351 roster list --format json
expect_not_contains "$ERR" "course CS351-F26" "piped stderr"
# Precedence: flag > env > config.
run env CS351_COURSE=CS351-S26 "$CS351_BIN" roster list --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "2" "env beats config"
run env CS351_COURSE=CS351-S26 "$CS351_BIN" roster list --course CS351-F26 --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "0" "flag beats env"
# A second `use` replaces the line instead of adding one.
run cs351 course use CS351-S26
expect_rc 0
expect_eq "$(grep -c '^default = ' "$CONFIG")" "1" "one default line"
run cs351 course use NOPE
expect_rc 65 "use of an unknown course"
expect_contains "$(cat "$CONFIG")" 'default = "CS351-S26"'

# unlink: link means the Gradescope course id; unlink forgets it.
cs351 course link CS351-S26 1132878 2>/dev/null
run cs351 course unlink CS351-S26
expect_rc 0
expect_contains "$ERR" "CS351-S26: unlinked from Gradescope course 1132878"
expect_eq "$(q "SELECT COALESCE(gradescope_course_id, 'null') FROM courses WHERE code='CS351-S26'")" "null"
run cs351 course unlink CS351-S26
expect_rc 0
expect_contains "$ERR" "CS351-S26: not linked"

# remove: refused while the course has data, showing what would go; a dry run
# lists it; --force removes the course and its rows, never the people.
run cs351 course remove CS351-S26
expect_rc 2 "remove with data"
expect_contains "$ERR" "CS351-S26 has data that removing it would delete:"
expect_contains "$ERR" "enrollments"
expect_contains "$ERR" "cs351 course remove CS351-S26 --force"
run cs351 course remove CS351-S26 --dry-run --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[(r["table"], r["rows"]) for r in d]')" "[('enrollments', 2)]"
expect_contains "$ERR" "dry run, nothing written: would have removed CS351-S26, deleted 2 row(s)"
expect_eq "$(q "SELECT COUNT(*) FROM courses WHERE code='CS351-S26'")" "1" "dry run kept it"
run cs351 course remove CS351-S26 --force </dev/null
expect_rc 2 "no terminal, no --yes"
run cs351 course remove CS351-S26 --force --yes
expect_rc 0
expect_contains "$ERR" "removed CS351-S26, deleted 2 row(s)"
expect_eq "$(q "SELECT COUNT(*) FROM courses WHERE code='CS351-S26'")" "0" "course gone"
expect_eq "$(q "SELECT COUNT(*) FROM enrollments")" "0" "enrollments gone"
expect_eq "$(q "SELECT COUNT(*) FROM people")" "2" "people stay"
expect_eq "$(q "SELECT COUNT(*) FROM events WHERE action='course.remove'")" "1" "event"
# The default now names a removed course: the error says where it came from.
run cs351 roster list
expect_rc 65
expect_contains "$ERR" "the default course from course.default in $CONFIG: unknown course 'CS351-S26'"
# An empty course goes without --force.
run cs351 course remove CS351-F26 --yes
expect_rc 0
echo "ok"
