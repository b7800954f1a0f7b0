# Who works the queue: `autograde wait` on a run that nobody will grade says so
# once (a warning, not an error) and keeps waiting; `autograde status` counts
# the live workers; a worker that stops drops out at once. Runs on SQLite and,
# as the .pg entry, on PostgreSQL (where workers are found by their connections).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
write_config <<TOML
[autograde.assignments.hw1]
command = "$HERE/record_grader.sh"
[autograde.assignments.hw2]
command = "$HERE/record_grader.sh"
TOML
cs351 course add CS351 2>/dev/null
workers() { cs351 autograde status | json 'd["workers"]'; }
NOTE="no worker is alive on the queue"

expect_eq "$(workers)" 0 "workers before any started"

# Nobody works the queue: the wait says so, once, and goes on waiting.
first=$(enqueue_sub hw1 ada@x.edu)
"$CS351_BIN" autograde wait "$first" --timeout 1m >"$T/wait1.out" 2>"$T/wait1.err" &
waiter=$!
BACKGROUND+=("$waiter")
told() { grep -q "$NOTE" "$T/wait1.err"; }
wait_for told
expect_contains "$(cat "$T/wait1.err")" "run $first is queued and $NOTE"
expect_contains "$(cat "$T/wait1.err")" "start one with \`cs351 autograde worker\`. Still waiting"
kill -0 "$waiter" 2>/dev/null || fail "the wait ended instead of waiting: $(cat "$T/wait1.err")"

# A worker (for hw1 only) comes: the run is graded and that wait ends well, having said it once.
"$CS351_BIN" autograde worker --assignment hw1 >"$T/worker.out" 2>"$T/worker.err" &
worker=$!
BACKGROUND+=("$worker")
wait "$waiter" || fail "wait exited $?: $(cat "$T/wait1.err")"
expect_eq "$(grep -c "$NOTE" "$T/wait1.err")" 1 "notes in one wait"
expect_eq "$(workers)" 1 "workers while one runs"

# A run the live worker does not grade stays queued, but somebody works the queue: no note.
other=$(enqueue_sub hw2 bo@x.edu)
run cs351 autograde wait "$other" --timeout 3s
expect_rc 75 "a wait that times out"
expect_not_contains "$ERR" "$NOTE"

# The worker stops: it is gone at once, and the next wait says so again.
kill -TERM "$worker"
wait "$worker" || fail "worker exited $?: $(cat "$T/worker.err")"
expect_contains "$(cat "$T/worker.err")" "worker: succeeded 1, failed 0, discarded 0 (stopped by signal)"
gone() { [ "$(workers)" = 0 ]; }  # PostgreSQL ends the worker's backends just after it leaves
wait_for gone
run cs351 autograde wait "$other" --timeout 3s
expect_rc 75 "a wait with nobody working"
expect_contains "$ERR" "run $other is queued and $NOTE"
if [ "${CS351_TEST_QUEUE:-sqlite}" = sqlite ]; then
  expect_contains "$ERR" "(the last one was seen "
fi
run cs351 -q autograde wait "$other" --timeout 3s
expect_not_contains "$ERR" "$NOTE" "-q"

# On a terminal the worker keeps a live line of the queue's counts; piped (above) it does not.
expect_not_contains "$(cat "$T/worker.err")" "queue: running" "a piped worker's stderr"
run python3 "$CS351_SOURCE_DIR/tests/integration/pty/pty_run.py" --interrupt-after 'queue: running 0, queued 1' \
  -- "$CS351_BIN" autograde worker --assignment hw1
expect_rc 0 "a worker stopped by Ctrl-C"
expect_contains "$OUT" $'\r\033[Kqueue: running 0, queued 1, succeeded 1, failed 0'
