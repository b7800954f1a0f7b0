# The bridge and the course roster: once the course has a roster, a submission
# whose students are not all on it is refused (403, {"error", "fault": "staff"})
# and logged; with autograde.require_roster = false it is graded, with a warning
# line and an autograde.not_on_roster event.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="it-roster-$$-0123456789abcdef0123456789abcdef"
config() {  # config [REQUIRE_ROSTER_LINE]
  write_config <<TOML
$1
[autograde.assignments.hw1]
title = "Homework 1"
command = "echo '{\"score\": 5}' > \"\$CS351_RESULTS_PATH\""
TOML
}
config ""
cs351 course add CS351 2>/dev/null
cs351 course link CS351 777 2>/dev/null
printf 'email,name,role\nana@x.edu,Ana,student\n' > "$T/roster.csv"
cs351 roster import "$T/roster.csv" --course CS351 2>/dev/null

# post SUBMISSION_ID EMAIL...: POSTs a Gradescope-shaped archive; HTTP status in $CODE, body in $BODY.
post() {
  python3 - "$T/up.tar" "$@" <<'PY'
import io, json, sys, tarfile
out, sid, emails = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
meta = {"id": sid, "created_at": "2026-11-25T15:00:00-05:00",
        "assignment": {"id": 55, "course_id": 777, "title": "Homework 1", "total_points": "10.0"},
        "users": [{"email": e, "id": i, "name": e} for i, e in enumerate(emails)],
        "previous_submissions": []}
with tarfile.open(out, "w") as tar:
    for name, data in (("submission_metadata.json", json.dumps(meta).encode()),
                       ("submission/main.py", b"print('hi')\n")):
        info = tarfile.TarInfo(name); info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
PY
  CODE=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" \
    -H "Content-Type: application/x-tar" -X POST --data-binary @"$T/up.tar" "$URL/v1/runs")
  BODY=$(cat "$T/body")
}

start_bridge 1
post 1 ana@x.edu
expect_eq "$CODE" 201 "a student on the roster: $BODY"
post 2 ana@x.edu eve@x.edu
expect_eq "$CODE" 403 "a group with a stranger: $BODY"
expect_eq "$(echo "$BODY" | json 'd["fault"]')" staff
expect_eq "$(echo "$BODY" | json 'd["error"]')" \
  "a student not on the roster of CS351: eve@x.edu; not graded (autograde.require_roster is on: add them to the roster, or set it to false)"
expect_eq "$(cs351 autograde list --format json | json 'len(d)')" 1 "runs after a refusal"
wait_for grep -q "not on the roster of CS351: eve@x.edu; not graded" "$T/serve.err"

# Off: graded, with a warning and an event.
kill "${BRIDGE_PIDS[@]}"; wait "${BRIDGE_PIDS[@]}" 2>/dev/null || true
config "require_roster = false"
start_bridge 1
post 3 eve@x.edu
expect_eq "$CODE" 201 "a stranger with the check off: $BODY"
wait_for grep -q "a student not on the roster of CS351: eve@x.edu; graded anyway (autograde.require_roster is off)" "$T/serve.err"
run_id=$(echo "$BODY" | json 'd["run_id"]')
wait_for test "$(cs351 autograde status "$run_id" | json 'd["status"]')" = succeeded
sqlite3 "$XDG_DATA_HOME/cs351/cs351.db" "SELECT action, subject, details FROM events WHERE action = 'autograde.not_on_roster' ORDER BY id" >"$T/events"
expect_eq "$(cat "$T/events")" 'autograde.not_on_roster|CS351|{"refused":true,"students":["eve@x.edu"]}
autograde.not_on_roster|CS351|{"refused":false,"students":["eve@x.edu"]}' "events"
