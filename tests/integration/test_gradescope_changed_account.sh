#!/usr/bin/env bash
# One changed page does not lock staff out: a login is saved as soon as Gradescope
# accepts it, whatever the /account page looks like; `check` and `sync` go on with the
# course pages. The newer course-box markup (no div.courseList) is read as a course list.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
start_fake_gradescope
SESSION="$XDG_DATA_HOME/cs351/gradescope-session.json"
setup_linked_course
pages() { echo "$OUT" | json '[(c["course"], c["page"], c["status"]) for c in d]'; }
ALL_OK="('CS351-S26', 'memberships', 'OK'), ('CS351-S26', 'assignments', 'OK'), ('CS351-S26', 'extensions', 'OK'), ('CS351-S26', 'scores.csv', 'OK'), ('CS351-S26', 'submissions', 'OK'), ('CS351-S26', 'submission history', 'OK')"

# The newer markup: course boxes with h3.courseBox--shortname, no div.courseList.
gs_control account=boxes
run gs_login
expect_rc 0 "login, course-box markup"
expect_contains "$ERR" "as $GS_EMAIL (3 courses)"
run cs351 gradescope courses --format json
expect_rc 0 "courses, course-box markup"
expect_eq "$(echo "$OUT" | json '[(c["id"], c["short_name"], c["term"], c["role"]) for c in d]')" \
  "[('1001', 'CS 351', 'Spring 2026', 'instructor'), ('998', 'CS 350', 'Fall 2025', 'instructor'), ('4242', 'GRAD 900', 'Spring 2026', 'student')]" \
  "courses read from the boxes"
cs351 gradescope logout 2>/dev/null

# A course list nothing anchors on: the login stands (saved, 0600), with a warning.
gs_control account= break=/account
run gs_login
expect_rc 0 "login with an unreadable course list"
expect_contains "$ERR" "warning: the course list did not parse (expected div.courseList or a.courseBox on /account): courses unknown"
expect_contains "$ERR" "as $GS_EMAIL (courses unknown)"
[ -f "$SESSION" ] || fail "the session was not saved"
expect_eq "$(stat -c %a "$SESSION")" "600" "session file mode"

# check, no --course and no default course: the account row BROKEN, every linked course's
# pages still checked; exit 65 for the broken page, never 77.
run cs351 gradescope check --format json
expect_rc 65 "check with the account page broken"
expect_eq "$(pages)" "[(None, 'account', 'BROKEN'), $ALL_OK]" "account broken, course pages checked"

# sync carries on: the account page is not one of its pages (a course page sync cannot
# parse is skipped and named: test_gradescope_resilience.sh).
run cs351 gradescope sync
expect_rc 0 "sync with the account page broken"
expect_contains "$OUT" "CS351-S26: 2 assignments (2 new), 5 members (5 new), 6 scores (6 new)"

# With a default course, check looks at that course's pages only (OTHER, linked to a
# course the fake does not serve, would be BROKEN).
gs_control break=
cs351 course add OTHER >/dev/null 2>&1
cs351 course link OTHER 998 >/dev/null 2>&1
cs351 course use CS351-S26 >/dev/null 2>&1
run cs351 gradescope check --format json
expect_rc 0 "check with a default course"
expect_eq "$(pages)" "[(None, 'account', 'OK'), $ALL_OK]" "the default course's pages"
