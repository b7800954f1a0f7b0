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

# capture: one page of each kind, scrubbed; no original value survives anywhere.
gs_control break=
run cs351 gradescope capture --course CS351-S26 --out "$T/pages" --format json
expect_rc 0 "capture"
expect_eq "$(echo "$OUT" | json '[p["file"] for p in d]')" \
  "['account.html', 'memberships.html', 'assignments.html', 'extensions.html', 'scores.csv', 'submissions.html', 'submission_history.json']" "captured files"
expect_contains "$ERR" "7 pages written to $T/pages; 5 people replaced by fakes"
for original in ada@example.edu Ada@Example.edu Lovelace "Ñúñez" "\\u00d1" "O'Brien" "O&#x27;Brien" 240001001 "Tara Assistant" FAKE_CSRF_TOKEN; do
  if grep -rqF -- "$original" "$T/pages"; then fail "capture kept '$original'"; fi
done
if grep -rqE '(^|[^0-9])(501|502|503|9001|31001|30990)([^0-9]|$)' "$T/pages"; then fail "capture kept an id"; fi
grep -q "person001@example.edu" "$T/pages/memberships.html" || fail "no fake email in memberships"
grep -q "/courses/1001/assignments/8255863" "$T/pages/submission_history.json" || fail "course and assignment ids must stay"
run cs351 gradescope capture --course CS351-S26 --out "$T/pages"
expect_rc 2 "capture over existing files"
expect_contains "$ERR" "pass --force"
