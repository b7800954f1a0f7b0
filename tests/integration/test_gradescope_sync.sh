#!/usr/bin/env bash
# gradescope sync against the fake Gradescope: full sync, UTC conversion,
# container rows ignored, re-sync changes nothing, history, dry run, the
# request count, and the time zone taken from Gradescope when the course has none.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
start_fake_gradescope
gs_login 2>/dev/null
setup_linked_course

printf 'email,name,role\nextra@example.edu,Extra Student,student\n' >"$T/local.csv"
cs351 roster import "$T/local.csv" --course CS351-S26 2>/dev/null
before=$(gs_stats 'd["requests"]')
run cs351 gradescope sync
expect_rc 0 "first sync"
expect_contains "$OUT" "CS351-S26: 2 assignments (2 new), 5 members (5 new), 6 scores (6 new) in"
expect_eq "$(echo "$OUT" | wc -l)" "1" "one summary line"
expect_contains "$ERR" "roster: 5 added, 0 updated from Gradescope"
# Differences are reported, never applied as deletions.
expect_contains "$ERR" "1 enrolled locally but not on Gradescope: extra@example.edu"
# memberships + assignments + one scores.csv per assignment (the course has its own zone).
expect_eq "$(( $(gs_stats 'd["requests"]') - before ))" "4" "requests for a sync"

run cs351 assignments list --course CS351-S26 --format json
expect_rc 0 "assignments list"
expect_eq "$(echo "$OUT" | json '[a["title"] for a in d]')" "['HW1: MapReduce', \"Quiz 1 — Ünïcode & <tags> 'quoted'\"]" "titles (no container or section rows)"
expect_eq "$(echo "$OUT" | json 'd[0]["gradescope_id"]')" "8255863" "gradescope id"
expect_eq "$(echo "$OUT" | json 'd[0]["source"]')" "gradescope" "source"
expect_eq "$(echo "$OUT" | json 'd[0]["release_at"]')" "2026-01-20T14:00:00Z" "release in UTC"
expect_eq "$(echo "$OUT" | json 'd[0]["due_at"]')" "2026-02-04T04:59:00Z" "due in UTC"
expect_eq "$(echo "$OUT" | json 'd[0]["late_due_at"]')" "2026-02-06T04:59:00Z" "late due in UTC"
expect_eq "$(echo "$OUT" | json 'd[0]["total_points"]')" "100.0" "points"
expect_eq "$(echo "$OUT" | json 'd[1]["due_at"]')" "None" "null date"

run cs351 scores list --course CS351-S26 --assignment "HW1: MapReduce" --format json
expect_rc 0 "scores list"
expect_eq "$(echo "$OUT" | json 'len(d)')" "3" "HW1 scores"
expect_eq "$(echo "$OUT" | json '[(s["email"], s["score"], s["status"]) for s in d]')" \
  "[('ada@example.edu', 95.5, 'graded'), ('bob@example.edu', None, 'missing'), ('zoe@example.edu', None, 'ungraded')]" "scores"
expect_eq "$(echo "$OUT" | json 'd[0]["submitted_at"]')" "2026-02-03T15:15:00Z" "submission time in UTC"
expect_eq "$(echo "$OUT" | json 'd[2]["lateness_s"]')" "88200" "lateness"
run cs351 scores list --course CS351-S26 --assignment "HW9"
expect_rc 65 "unknown assignment"
expect_contains "$ERR" "known: HW1: MapReduce"

# --assignment the way people name it: Gradescope id, any case, a unique prefix;
# ambiguity lists the candidates (exit 2). The same resolver serves every command.
for name in 8255863 "hw1: mapreduce" HW1 hw; do
  run cs351 scores list --course CS351-S26 --assignment "$name" --format json
  expect_rc 0 "scores list --assignment $name"
  expect_eq "$(echo "$OUT" | json 'len(d)')" "3" "HW1 scores by '$name'"
done
cs351 assignments add "HW10: Spark" --course CS351-S26 --due 2026-04-01T23:59 2>/dev/null
run cs351 scores list --course CS351-S26 --assignment HW1 --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "3" "HW1 is not HW10"
run cs351 scores list --course CS351-S26 --assignment hw
expect_rc 2 "ambiguous assignment"
expect_contains "$ERR" "'hw' matches 2 assignments in CS351-S26:"
expect_contains "$ERR" "HW1: MapReduce (Gradescope 8255863)"
expect_contains "$ERR" "HW10: Spark (added by hand)"
run cs351 report features --course CS351-S26 --assignment 8255863 --format json
expect_not_contains "$ERR" "no assignment" "report resolves the Gradescope id"

# Tables show the course's zone (America/New_York) with the offset; JSON/CSV stay UTC; --utc.
run cs351 assignments list --course CS351-S26 --format table
expect_contains "$OUT" "2026-02-03 23:59:00-05:00" "due date, course-local"
expect_contains "$OUT" "2026-04-01 23:59:00-04:00" "typed due date read in the course zone (EDT)"
run cs351 assignments list --course CS351-S26 --format table --utc
expect_contains "$OUT" "2026-02-04 04:59:00Z" "due date with --utc"
run cs351 assignments list --course CS351-S26 --format csv
expect_contains "$OUT" "2026-02-04T04:59:00Z" "CSV keeps UTC"
expect_contains "$OUT" "2026-04-02T03:59:00Z" "CSV keeps UTC (typed date)"

run cs351 gradescope members --course CS351-S26 --format json
expect_eq "$(echo "$OUT" | json '[(m["email"], m["gradescope_user_id"], m["membership_id"]) for m in d if m["role"]=="student"][0]')" \
  "('ada@example.edu', '501', '9001')" "user id and membership id"

# Members were merged into the local roster by email (name, SID, role, sections).
run cs351 roster list --course CS351-S26 --format json
expect_rc 0 "roster list"
expect_eq "$(echo "$OUT" | json 'sorted((m["email"], m["role"], m["sid"]) for m in d)[0]')" "('ada@example.edu', 'student', '240001001')" "merged member"
expect_eq "$(echo "$OUT" | json '[m["sections"] for m in d if m["email"]=="bob@example.edu"][0]')" "['L01', 'Lab A']" "merged sections"
expect_eq "$(echo "$OUT" | json '[m["status"] for m in d if m["email"]=="extra@example.edu"]')" "['enrolled']" "local-only member kept"
expect_eq "$(echo "$OUT" | json '[m["gradescope_user_id"] for m in d if m["email"] in ("ada@example.edu", "extra@example.edu")]')" "['501', None]" "roster list carries the Gradescope user id"

# Re-sync: nothing changes, no row is touched.
stamp=$(q "SELECT group_concat(updated_at) FROM (SELECT updated_at FROM gradescope_scores UNION ALL SELECT updated_at FROM gradescope_assignments UNION ALL SELECT updated_at FROM gradescope_memberships)")
run cs351 gradescope sync --format json
expect_rc 0 "re-sync"
expect_eq "$(echo "$OUT" | json '[(k, d["courses"][0][k]["inserted"], d["courses"][0][k]["updated"]) for k in ("assignments","members","scores")]')" \
  "[('assignments', 0, 0), ('members', 0, 0), ('scores', 0, 0)]" "re-sync changes"
expect_eq "$(q "SELECT group_concat(updated_at) FROM (SELECT updated_at FROM gradescope_scores UNION ALL SELECT updated_at FROM gradescope_assignments UNION ALL SELECT updated_at FROM gradescope_memberships)")" "$stamp" "rows untouched"

# History (opt-in): every attempt of every owner of every active submission.
run cs351 gradescope sync --only history
expect_rc 0 "history"
expect_contains "$OUT" "12 past submissions (12 new)"
expect_eq "$(q "SELECT count(*) FROM gradescope_submissions WHERE email='bob@example.edu'")" "4" "group member history"
expect_eq "$(q "SELECT created_at FROM gradescope_submissions WHERE submission_id='30990' LIMIT 1")" "2026-02-03T02:04:11Z" "attempt time"

# Dry run into a fresh store (whose session is logged in from GRADESCOPE_PASSWORD):
# the counts, and nothing written.
export CS351_DB="$T/dry.db" GRADESCOPE_PASSWORD="$GS_PASSWORD"
cs351 course add DRY --timezone America/New_York 2>/dev/null
cs351 course link DRY 1001 2>/dev/null
run cs351 gradescope sync --dry-run
expect_rc 0 "dry run"
expect_contains "$OUT" "(dry run) DRY: 2 assignments (2 new), 5 members (5 new), 6 scores (6 new)"
expect_eq "$(q 'SELECT count(*) FROM gradescope_scores') $(q 'SELECT count(*) FROM gradescope_assignments')" "0 0" "dry run wrote nothing"

# A course left at UTC takes the zone Gradescope shows on the extensions page.
export CS351_DB="$T/utc.db"
cs351 course add UTCCOURSE 2>/dev/null
cs351 course link UTCCOURSE 1001 2>/dev/null
run cs351 gradescope sync --only assignments --format json
expect_rc 0 "utc course"
expect_eq "$(echo "$OUT" | json 'd["courses"][0]["timezone"]')" "America/New_York" "zone from Gradescope"
expect_eq "$(q "SELECT due_at FROM gradescope_assignments WHERE gradescope_id='8255863'")" "2026-02-04T04:59:00Z" "due converted"

# Unlinked and unknown courses are told apart.
cs351 course add LONELY 2>/dev/null
run cs351 gradescope sync --course LONELY
expect_rc 2 "unlinked"
expect_contains "$ERR" "cs351 course link LONELY"
run cs351 gradescope sync --only grades
expect_rc 2 "bad --only"

# A progress line only on a terminal: under a pseudo-terminal it is drawn on
# stderr, piped (as in cron) it is not.
export CS351_DB="$XDG_DATA_HOME/cs351/cs351.db"
unset GRADESCOPE_PASSWORD
script -qfec "'$CS351_BIN' gradescope sync --course CS351-S26 --only scores" /dev/null >"$T/tty.out" 2>&1 || fail "sync under a terminal"
grep -q $'\r\033\[K\[0/2\] 0%  CS351-S26: scores HW1' "$T/tty.out" || fail "no progress line on a terminal: $(cat -v "$T/tty.out")"
run cs351 gradescope sync --course CS351-S26 --only scores
expect_rc 0 "piped sync"
expect_not_contains "$ERR" "[0/2]" "piped stderr"
expect_not_contains "$ERR" "gradescope: GET" "stderr without -v"
# -v: each request on stderr, with where it went and how it answered.
run cs351 -v gradescope sync --course CS351-S26 --only scores
expect_rc 0 "sync -v"
expect_contains "$ERR" "gradescope: GET /courses/1001/assignments -> 200"
