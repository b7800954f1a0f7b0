# The queue on PostgreSQL, where it differs from SQLite: `autograde migrate` and
# the schema checks, the password kept out of messages, PostgreSQL restarted
# mid-run (workers reconnect and carry on, nothing is lost or run twice), and a
# worker cut off from the queue past its lease: its run becomes "worker lost"
# and its late result is refused. Skipped (77) where PostgreSQL is not installed.
export CS351_TEST_QUEUE=postgres
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
TOKEN="cs351-it-pg-$$"
write_config <<TOML
[autograde.assignments.hw1]
command = "$HERE/record_grader.sh"
dedupe_window = "0s"
[autograde.assignments.slow]
command = "sleep 6; echo '{\"score\": 2}' > \"\$CS351_RESULTS_PATH\" # $TOKEN"
TOML
cs351 course add CS351 2>/dev/null
psql() { pg_as_owner "$PG_BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U cs351 "$@"; }

# migrate is safe to re-run; a database without the tables, or with newer ones, is refused (78).
run cs351 autograde migrate
expect_rc 0
expect_contains "$ERR" "schema version 3, up to date"
pg_as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U cs351 empty
run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351@127.0.0.1:$PG_PORT/empty" "$CS351_BIN" autograde status
expect_rc 78 "a queue without tables"
expect_contains "$ERR" "has no cs351 tables yet; run \`cs351 autograde migrate\` first"
run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351@127.0.0.1:$PG_PORT/empty" "$CS351_BIN" autograde migrate
expect_rc 0
expect_contains "$ERR" "schema version 0 -> 3"
psql empty -c "UPDATE cs351_schema_version SET version = 1"
run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351@127.0.0.1:$PG_PORT/empty" "$CS351_BIN" autograde status
expect_rc 78 "an older schema"
expect_contains "$ERR" "has schema version 1, this cs351 needs 3; run \`cs351 autograde migrate\` first"
psql empty -c "UPDATE cs351_schema_version SET version = 99"
for verb in status migrate; do
  run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351@127.0.0.1:$PG_PORT/empty" "$CS351_BIN" autograde $verb
  expect_rc 78 "$verb on a newer schema"
  expect_contains "$ERR" "has schema version 99, newer than this cs351 knows (3); upgrade cs351"
done

# The password: never in the URL, never echoed; password_command is used as given.
run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351:hunter2@127.0.0.1:$PG_PORT/cs351" "$CS351_BIN" autograde status
expect_rc 78 "a URL holding a password"
expect_not_contains "$ERR" "hunter2" "the error"
expect_contains "$ERR" "postgresql://cs351@127.0.0.1:$PG_PORT/cs351"
run env CS351_AUTOGRADE_QUEUE_URL="postgresql://cs351@127.0.0.1:1/cs351" "$CS351_BIN" autograde status
expect_rc 69 "an unreachable server"
expect_contains "$ERR" "cannot connect to the PostgreSQL queue at postgresql://cs351@127.0.0.1:1/cs351"
run env CS351_AUTOGRADE_PASSWORD_COMMAND="echo not-needed-with-trust" "$CS351_BIN" autograde status
expect_rc 0 "password_command"
run env CS351_AUTOGRADE_PASSWORD_COMMAND="exit 3" "$CS351_BIN" autograde status
expect_rc 78 "a failing password_command"
expect_contains "$ERR" "autograde.password_command failed (exit 3)"

# PostgreSQL restarted while two workers grade: they reconnect and every run finishes once.
for i in $(seq 1 12); do enqueue_sub hw1 "s$((i % 4))@x.edu" >/dev/null; done
pids=()
for w in 1 2; do
  "$CS351_BIN" autograde worker --concurrency 2 >"$T/w$w.out" 2>"$T/w$w.err" &
  pids+=($!); BACKGROUND+=($!)
done
some_done() { [ "$(cs351 autograde status | json 'd["succeeded"]')" -ge 2 ]; }
wait_for some_done
restart_postgres
late=$(enqueue_sub hw1 after@x.edu)  # a run queued after the restart is picked up too
all_done() { [ "$(cs351 autograde status | json 'd["succeeded"]')" = 13 ]; }
wait_for all_done
expect_eq "$(status_of "$late" status)" succeeded "run queued after the restart"
grader_log
python3 "$HERE/check_log.py" "$GRADER_LOG" 13 || fail "grader log after the restart"
kill -TERM "${pids[@]}"
for p in "${pids[@]}"; do wait "$p" || fail "worker $p exited $? after the restart: $(cat "$T"/w*.err)"; done

# The queue gone for longer than the lease while a run is graded: the grader goes on,
# the run becomes "worker lost", and the worker's late result is refused. Only this worker's
# lease is short (the restart above must lose nothing, however long the machine stalls).
slow=$(enqueue_sub slow lost@x.edu)
CS351_AUTOGRADE_LEASE=1500ms CS351_AUTOGRADE_HEARTBEAT=250ms "$CS351_BIN" autograde worker 2>"$T/cut.err" &
worker=$!; BACKGROUND+=($!)
wait_for pgrep -f "$TOKEN"  # the grader runs
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m immediate stop >/dev/null
sleep 2  # longer than the 1.5 s lease: time must pass, there is nothing to poll
pg_ctl_start 127.0.0.1
expect_eq "$(status_of "$slow" error)" "worker lost" "the cut-off run"
wait_for grep -q "run $slow (slow; .*): lease lost (cancelled or expired); result discarded" "$T/cut.err"
expect_eq "$(status_of "$slow" status)" failed "the late result was refused"
run cs351 autograde retry "$slow"
expect_rc 0
wait_for grep -q "run $slow (slow; .*) succeeded: score 2" "$T/cut.err"
kill -TERM "$worker"
wait "$worker" || fail "the cut-off worker exited $?: $(cat "$T/cut.err")"

# An idle worker is woken by NOTIFY: with a 30 s poll a new run still starts at once.
CS351_AUTOGRADE_POLL_INTERVAL=30s "$CS351_BIN" autograde worker 2>"$T/idle.err" &
idle=$!; BACKGROUND+=($!)
# (Every thread of it listens: one per slot, and the one that prepares ahead.)
listening() { [ "$(psql cs351 -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'")" -ge 1 ]; }
wait_for listening  # it found nothing to claim and waits
woken=$(enqueue_sub hw1 woken@x.edu)
finished() { [ "$(status_of "$woken" status)" = succeeded ]; }
wait_for finished  # within wait_for's 20 s: well before the next poll
kill -TERM "$idle"
wait "$idle" || fail "the idle worker exited $?: $(cat "$T/idle.err")"
