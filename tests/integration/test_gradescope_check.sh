#!/usr/bin/env bash
# gradescope check: every page kind OK against the fake Gradescope; a changed
# page is BROKEN with what was expected, its dependents SKIPPED, exit 65.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
start_fake_gradescope
gs_login 2>/dev/null
setup_linked_course

run cs351 gradescope check --course CS351-S26 --format json
expect_rc 0 "check"
expect_eq "$(echo "$OUT" | json '[(c["page"], c["status"]) for c in d]')" \
  "[('account', 'OK'), ('memberships', 'OK'), ('assignments', 'OK'), ('extensions', 'OK'), ('scores.csv', 'OK'), ('submissions', 'OK'), ('submission history', 'OK')]" "all OK"
expect_eq "$(echo "$OUT" | json 'd[2]["detail"]')" "2 assignments" "detail"

gs_control break=/assignments
run cs351 gradescope check --course CS351-S26 --format json
expect_rc 65 "assignments changed"
expect_eq "$(echo "$OUT" | json 'd[2]["status"]')" "BROKEN" "assignments broken"
expect_eq "$(echo "$OUT" | json 'd[2]["detail"]')" 'expected [data-react-class="AssignmentsTable"]' "what was expected"
expect_eq "$(echo "$OUT" | json '[c["status"] for c in d[3:]]')" "['SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED']" "dependents skipped"
expect_contains "$ERR" "Gradescope pages changed"

gs_control break=/account
run cs351 gradescope check
expect_rc 65 "account changed"
expect_contains "$OUT" "expected div.courseList"
