#!/usr/bin/env bash
# gradescope sync when things go wrong: a page that changes layout mid-sync, a
# dropped connection, a 503, an expired session (re-login once, or exit 77),
# and two syncs at once (the second exits 75). What failed is left as it was,
# what succeeded is kept, and the next run completes it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
start_fake_gradescope
export CS351_GRADESCOPE_MAX_ATTEMPTS=2
gs_login 2>/dev/null
setup_linked_course
scores_of() { q "SELECT count(*) FROM gradescope_scores s JOIN gradescope_assignments a ON a.id = s.assignment_id WHERE a.gradescope_id = '$1'"; }

# The second assignment's scores.csv changes layout mid-sync: 65, the first is kept.
gs_control break=8255864/scores.csv
run cs351 gradescope sync
expect_rc 65 "layout change mid-sync"
expect_contains "$ERR" "scores: scores.csv header row with Email, Total Score and Status not found on /courses/1001/assignments/8255864/scores.csv"
expect_contains "$OUT" "CS351-S26: 2 assignments (2 new), 5 members (5 new), 3 scores (3 new) in"
expect_contains "$OUT" "; 1 failed"
expect_eq "$(scores_of 8255863) $(scores_of 8255864)" "3 0" "kept what succeeded"
gs_control break=
run cs351 gradescope sync
expect_rc 0 "next run completes"
expect_contains "$OUT" "6 scores (3 new)"

# A roster page that lost its table is an error, never "zero members": nothing is deleted.
gs_control break=/memberships
run cs351 gradescope sync --only roster
expect_rc 65 "broken roster"
expect_contains "$ERR" "table.js-rosterTable not found on /courses/1001/memberships"
expect_eq "$(q 'SELECT count(*) FROM gradescope_memberships')" "5" "members kept"
gs_control break=

# A dropped connection (retried, then given up): 69, and the course stops there.
gs_control drop=8255863/scores.csv
quiz=/courses/1001/assignments/8255864/scores.csv
before=$(gs_stats "d['by_path'].get('$quiz', 0)")
run cs351 gradescope sync --only scores
expect_rc 69 "dropped connection"
expect_contains "$ERR" "HW1: MapReduce scores: GET"
expect_eq "$(gs_stats "d['by_path'].get('$quiz', 0)")" "$before" "no further assignment after the network failed"
gs_control drop=

# 503 after the retries: 69. Under -v each attempt and each retry is on stderr; without it, neither.
gs_control fail=/assignments
run cs351 gradescope sync --only assignments
expect_rc 69 "503"
expect_contains "$ERR" "Gradescope answered HTTP 503 for /courses/1001/assignments"
expect_not_contains "$ERR" "retrying" "retries without -v"
run cs351 -v gradescope sync --only assignments
expect_rc 69 "503 with -v"
expect_contains "$ERR" "gradescope: GET /courses/1001/assignments -> 503"
expect_contains "$ERR" "gradescope: retrying /courses/1001/assignments in 1000 ms (attempt 2 of 2)"
gs_control fail=

# A request that never answers times out (gradescope.timeout_s), is retried, then 69.
gs_control hold=/assignments
run env CS351_GRADESCOPE_TIMEOUT_S=1 "$CS351_BIN" gradescope sync --only assignments
expect_rc 69 "timeout"
expect_contains "$ERR" "assignments: GET $GS_URL/courses/1001/assignments: Timeout was reached"
gs_control hold=

# Expired session: renewed once from GRADESCOPE_PASSWORD; without a source, 77 and the command to run.
gs_control expire=1
run cs351 gradescope sync --only assignments
expect_rc 77 "expired without a password source"
expect_contains "$ERR" "log in again with: cs351 gradescope login"
logins=$(gs_stats 'd["logins"]')
run env GRADESCOPE_PASSWORD="$GS_PASSWORD" "$CS351_BIN" gradescope sync
expect_rc 0 "expired, re-login"
expect_eq "$(gs_stats 'd["logins"]')" "$((logins + 1))" "one re-login"
run cs351 gradescope sync --only assignments
expect_rc 0 "the renewed session was saved"
# The same through gradescope.password_command.
gs_control expire=1
printf '#!/bin/sh\necho "%s"\n' "$GS_PASSWORD" >"$T/pw.sh"
chmod +x "$T/pw.sh"
run env CS351_GRADESCOPE_PASSWORD_COMMAND="$T/pw.sh" "$CS351_BIN" gradescope sync --only assignments
expect_rc 0 "re-login with password_command"
if grep -qF "$GS_PASSWORD" "$GS_LOG" "$T/out" "$T/err"; then fail "password leaked"; fi

# Two syncs at once: while the first is inside Gradescope (its request held by
# the fake), the second exits 75 with one line; the first then finishes.
gs_control hold=/memberships
"$CS351_BIN" gradescope sync >"$T/first.out" 2>"$T/first.err" &
first=$!
wait_for python3 -c "import json,sys,urllib.request; sys.exit(json.load(urllib.request.urlopen('$GS_URL/__stats'))['held'] < 1)"
run cs351 gradescope sync
expect_rc 75 "concurrent sync"
expect_eq "$(echo "$ERR" | wc -l)" "1" "one line"
expect_contains "$ERR" "another \`cs351 gradescope sync\` is running (lock"
gs_control hold=
wait "$first" || fail "first sync failed: $(cat "$T/first.err")"
expect_contains "$(cat "$T/first.out")" "CS351-S26: 2 assignments, 5 members, 6 scores in"
