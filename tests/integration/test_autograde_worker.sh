# Many worker processes on one store: no student ever has two runs at once,
# every run finishes exactly once, dedupe within the window and not outside it,
# and SIGTERM lets a worker finish what it holds before exiting.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
write_config <<TOML
[autograde.assignments.hw1]
command = "$HERE/record_grader.sh"
dedupe_window = "0s"
[autograde.assignments.hw2]
command = "$HERE/record_grader.sh"
dedupe_window = "2m"
[autograde.assignments.hw3]
command = "$HERE/record_grader.sh"
dedupe_window = "300ms"
TOML
cs351 course add CS351 2>/dev/null

# 48 runs over 6 students (some in pairs) with deduplication off.
for i in $(seq 1 48); do
  s=$((i % 6))
  if [ $((i % 8)) -eq 0 ]; then members=(--student "s$s@x.edu" --student "s$(((s + 1) % 6))@x.edu"); else members=(--student "s$s@x.edu"); fi
  cs351 autograde enqueue --course CS351 --assignment hw1 "${members[@]}" --submission "$T/sub" >/dev/null
done
run cs351 autograde status
expect_eq "$(echo "$OUT" | json 'd["queued"]')" 48 "queued runs"

pids=()
for w in 1 2 3 4; do
  "$CS351_BIN" autograde worker --concurrency 3 >"$T/worker$w.out" 2>"$T/worker$w.err" &
  pids+=($!)
done
all_done() { [ "$(cs351 autograde status | json 'd["succeeded"]')" = 48 ]; }
wait_for all_done
kill -TERM "${pids[@]}"
for p in "${pids[@]}"; do wait "$p" || fail "worker $p exited $?"; done
grader_log
python3 "$HERE/check_log.py" "$GRADER_LOG" 48 || fail "grader log check"
grep -q "stopped by signal" "$T/worker1.err" || fail "worker did not report the signal: $(cat "$T/worker1.err")"
run cs351 autograde list --status succeeded --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" 48 "succeeded runs"
expect_eq "$(echo "$OUT" | json 'sorted(set(r["attempt"] for r in d))')" "[1]" "attempts"

# Eight concurrent enqueues of one student within the window: one run.
enqueues=()
for i in $(seq 1 8); do
  "$CS351_BIN" autograde enqueue --course CS351 --assignment hw2 --student dup@x.edu --submission "$T/sub" >"$T/dup$i.json" &
  enqueues+=($!)
done
for p in "${enqueues[@]}"; do wait "$p" || fail "enqueue $p exited $?"; done
ids=$(for i in $(seq 1 8); do json 'd["run_id"]' <"$T/dup$i.json"; done | sort -u)
expect_eq "$(echo "$ids" | wc -l)" 1 "distinct runs for a double submission"
expect_eq "$(cat "$T"/dup*.json | grep -c '"deduplicated": true')" 7 "deduplicated answers"

# Outside the window: a new run, queued behind the running one of the same student.
first=$(cs351 autograde enqueue --course CS351 --assignment hw3 --student late@x.edu --submission "$T/sub" | json 'd["run_id"]')
sleep 0.4  # let the 300ms dedupe window pass (time must pass; nothing to poll)
run cs351 autograde enqueue --course CS351 --assignment hw3 --student late@x.edu --submission "$T/sub"
expect_eq "$(echo "$OUT" | json 'd["deduplicated"]')" False "deduplicated outside the window"
second=$(echo "$OUT" | json 'd["run_id"]')
[ "$second" != "$first" ] || fail "same run outside the window"
run cs351 autograde worker --once --concurrency 4
expect_rc 0
run cs351 autograde wait "$second" --timeout 20s --results-json "$T/results.json"
expect_rc 0
expect_eq "$(json 'd["score"]' <"$T/results.json")" 1 "results.json score"
grader_log
python3 "$HERE/check_log.py" "$GRADER_LOG" 51 || fail "grader log check after dedupe"
