# Deduplication keyed on what was submitted, through the real path (submit ->
# serve -> worker): the same files from the same students twice (two Gradescope
# submission ids) are one run and both get its result; a resubmission with a
# change is a second run that starts after the first; a group that includes
# the earlier submitter is a run of its own, and no student runs twice at once.
# status/list say why each submission was or was not deduplicated.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="it-dedupe-$$-0123456789abcdef0123456789abcdef"
META="$FIXTURES/autograde/metadata"
# The real metadata's assignment ("ope test" in Gradescope course 661371).
write_config <<TOML
[autograde.assignments.ope]
title = "ope test"
command = "$HERE/record_grader.sh"
dedupe_window = "10m"
TOML
cs351 course add CS351 2>/dev/null
cs351 course link CS351 661371 2>/dev/null

start_bridge 3

# with_id SUBMISSION_ID FILE > out: the metadata with another Gradescope submission id.
with_id() { python3 -c "import json,sys; d=json.load(open(sys.argv[2])); d['id']=int(sys.argv[1]); print(json.dumps(d))" "$1" "$2"; }
submit() {  # submit NAME METADATA SUBMISSION_DIR: in the background, pid in $!
  "$CS351_BIN" autograde submit --server "$URL" --metadata "$2" --submission "$3" \
    --results "$T/$1/results.json" --deadline 60s 2>"$T/$1.err" &
}

# The course's double submit: the same bytes twice, two Gradescope runs.
with_id 501 "$META/solo_rkulskis.json" > "$T/m501.json"
with_id 502 "$META/solo_rkulskis.json" > "$T/m502.json"
submit first "$T/m501.json" "$T/sub"; p1=$!
submit double "$T/m502.json" "$T/sub"; p2=$!
wait "$p1" || fail "first submit exited $?: $(cat "$T/first.err")"
wait "$p2" || fail "double submit exited $?: $(cat "$T/double.err")"
for s in first double; do expect_eq "$(json 'd["score"]' <"$T/$s/results.json")" 1 "score of $s"; done
run cs351 autograde list --student jo.student@example.edu --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" 1 "runs after a double submit"
expect_eq "$(echo "$OUT" | json 'd[0]["double_submits"]')" 1 "double submits counted"
first_run=$(echo "$OUT" | json 'd[0]["run_id"]')
run cs351 autograde status "$first_run" --format json
# The two submits race: either may arrive first; the later one joined.
expect_eq "$(echo "$OUT" | json 'sorted(r["gradescope_submission_id"] for r in d["requests"])')" "['501', '502']" "requests"
expect_eq "$(echo "$OUT" | json '[r["deduplicated"] for r in d["requests"]]')" "[False, True]" "which joined"
expect_contains "$(echo "$OUT" | json 'd["requests"][1]["reason"]')" "double submit: same files and students as run $first_run"
expect_contains "$(cat "$T/first.err" "$T/double.err")" "same run as an earlier submission"

# A resubmission with a change, then the group (same changed files) right behind it.
mkdir -p "$T/sub2"
echo 'print("hi, fixed")' > "$T/sub2/main.py"
with_id 503 "$META/solo_rkulskis.json" > "$T/m503.json"
with_id 504 "$META/group_derived_from_rkulskis.json" > "$T/m504.json"
submit changed "$T/m503.json" "$T/sub2"; p3=$!
runs_of_jo() { [ "$(cs351 autograde list --student jo.student@example.edu --format json | json 'len(d)')" = "$1" ]; }
wait_for runs_of_jo 2
submit group "$T/m504.json" "$T/sub2"; p4=$!
wait "$p3" || fail "changed submit exited $?: $(cat "$T/changed.err")"
wait "$p4" || fail "group submit exited $?: $(cat "$T/group.err")"
run cs351 autograde list --student jo.student@example.edu --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" 3 "runs of the solo student"
expect_eq "$(echo "$OUT" | json '[r["status"] for r in d]')" "['succeeded', 'succeeded', 'succeeded']"
expect_eq "$(echo "$OUT" | json 'd[0]["students"]')" "['jo.student@example.edu', 'partner.student@example.edu']" "group members"
changed_run=$(echo "$OUT" | json 'd[1]["run_id"]')
expect_eq "$(echo "$OUT" | json 'd[1]["dedupe_reason"]')" "new run: run $first_run (within 10m) has other files"
expect_eq "$(echo "$OUT" | json 'd[0]["dedupe_reason"]')" "new run: run $changed_run (within 10m) has other students"
grader_log
python3 "$HERE/check_log.py" "$GRADER_LOG" 3 || fail "grader log: $(cat "$GRADER_LOG")"
order=$(awk '$1 == "start" { print $4, $2 }' "$GRADER_LOG" | sort -n | cut -d' ' -f2 | paste -sd' ')
expect_eq "$order" "$first_run $changed_run $((changed_run + 1))" "runs start in the order submitted"

# The table says why, too.
run cs351 autograde list --format csv
expect_contains "$OUT" "run_id,assignment,students,status,score,error,enqueued_at,finished_at,double_submits,dedupe_reason" "list header"
expect_contains "$OUT" "has other students" "list"
