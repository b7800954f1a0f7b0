# Every run ends with a result that says what happened: a killed worker
# (worker lost after the lease, not replayed), a hung grader with a setsid
# grandchild (killed at the timeout, nothing left), and graders that write
# garbage, nothing, too much, or crash.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
TOKEN="cs351-it-hang-$$"
write_config <<TOML
[autograde.assignments.slow]
command = "sleep 60 # $TOKEN-slow"
[autograde.assignments.hang]
command = "setsid sh -c 'sleep 1000 # $TOKEN' & sh -c 'sleep 1000 # $TOKEN' & wait"
timeout = "1s"
[autograde.assignments.garbage]
command = "echo 'this is not json' > \"\$CS351_RESULTS_PATH\""
[autograde.assignments.missing]
command = "echo grading but writing nothing"
[autograde.assignments.huge]
command = "head -c 2000000 /dev/zero | tr '\\\\0' x > \"\$CS351_RESULTS_PATH\""
[autograde.assignments.crash]
command = "echo about to crash; exit 3"
[autograde.assignments.fine]
command = "echo '{\"score\": 4}' > \"\$CS351_RESULTS_PATH\""
TOML
cs351 course add CS351 2>/dev/null
no_process() { ! pgrep -f "$1" >/dev/null; }

# kill -9 a worker mid-run: the run becomes "worker lost" once its lease runs out. Only this
# worker's lease is short: a machine that stalls longer than a lease loses every run under it.
slow=$(enqueue_sub slow)
CS351_AUTOGRADE_LEASE=1s "$CS351_BIN" autograde worker 2>"$T/worker.err" &
worker=$!
started() { [ "$(status_of "$slow" status)" = running ] && pgrep -f "$TOKEN-slow"; }
wait_for started
kill -9 "$worker"
wait "$worker" || true
lost() { [ "$(status_of "$slow" status)" = failed ]; }
wait_for lost
expect_eq "$(status_of "$slow" error)" "worker lost" "error of the lost run"
wait_for no_process "$TOKEN-slow"  # the grader died with its worker

# The student files the killed worker's run left behind are removed by the next worker.
leftover="$XDG_DATA_HOME/cs351/autograde/work/run-$slow-1"
[ -f "$leftover/submission/main.py" ] || fail "expected the lost run's files in $leftover"

# The rest still complete, and the lost run is not replayed by itself.
other=$(enqueue_sub fine b@x.edu)
run cs351 autograde worker --once
expect_rc 0
expect_contains "$ERR" "removed 1 run directory left by lost runs"
[ ! -e "$leftover" ] || fail "the lost run's directory is still there"
expect_eq "$(status_of "$other" status)" succeeded "status after the crash"
expect_eq "$(status_of "$slow" status)" failed "lost run after another worker ran"
run cs351 autograde retry "$slow"
expect_eq "$(echo "$OUT" | json 'd["status"]')" queued "status after retry"
run cs351 autograde cancel "$slow"
expect_eq "$(echo "$OUT" | json 'd["status"]')" cancelled "status after cancel"
run cs351 autograde cancel "$slow"
expect_rc 2 "cancel twice"

# One run per failure mode, each with its own student so they run side by side.
hang=$(enqueue_sub hang h@x.edu)
garbage=$(enqueue_sub garbage g@x.edu)
missing=$(enqueue_sub missing m@x.edu)
huge=$(enqueue_sub huge u@x.edu)
crash=$(enqueue_sub crash c@x.edu)
run cs351 autograde worker --once --concurrency 3
expect_rc 0
expect_eq "$(status_of "$hang" error)" "timed out after 1s" "hang"
no_process "$TOKEN" || fail "a grader process outlived the timeout: $(pgrep -af "$TOKEN")"
expect_eq "$(status_of "$garbage" error)" "invalid results.json is not valid JSON" "garbage"
expect_eq "$(status_of "$missing" error)" "grader wrote no results.json" "missing"
expect_contains "$(status_of "$huge" error)" "over the 1048576 byte limit" "huge"
expect_eq "$(status_of "$crash" error)" "grader crashed: exit 3 (no results.json)" "crash"
expect_contains "$(status_of "$crash" log)" "about to crash" "crash log"

# A failed run still gives Gradescope a results.json that explains.
run cs351 autograde wait "$crash" --results-json "$T/crash.json"
expect_rc 1
expect_contains "$ERR" "run $crash failed: grader crashed: exit 3"
expect_eq "$(json 'd["score"]' <"$T/crash.json")" 0 "score of a failed run"
expect_contains "$(json 'd["output"]' <"$T/crash.json")" "grader crashed: exit 3"
# Where it cannot be written, the message carries the operating system's reason.
touch "$T/a-file"
run cs351 autograde wait "$crash" --results-json "$T/a-file/crash.json"
expect_contains "$ERR" "cannot write $T/a-file/crash.json.tmp: Not a directory"

# Waiting on a run nobody grades times out with exit 75.
pending=$(enqueue_sub fine p@x.edu)
run cs351 autograde wait "$pending" --timeout 200ms
expect_rc 75
run cs351 autograde status 999
expect_rc 65

# Bad input on the command line: a clear message, a documented exit code, nothing queued.
before=$(cs351 autograde status | json 'd["queued"]')
run cs351 autograde enqueue --course NOPE --assignment fine --student a@x.edu --submission "$T/sub"
expect_rc 65 "unknown course"
run cs351 autograde enqueue --course CS351 --assignment nope --student a@x.edu --submission "$T/sub"
expect_rc 2 "unknown assignment"
expect_contains "$ERR" "assignment 'nope' is not configured"
run cs351 autograde enqueue --course CS351 --assignment fine --student "not an email" --submission "$T/sub"
expect_rc 2 "malformed email"
run cs351 autograde enqueue --course CS351 --assignment fine --student a@x.edu --submission "$T/nowhere"
expect_rc 65 "missing submission"
ln -s /etc/passwd "$T/sub/link"
run cs351 autograde enqueue --course CS351 --assignment fine --student a@x.edu --submission "$T/sub"
expect_rc 65 "symlink in the submission"
expect_contains "$ERR" "symlink or special file"
rm "$T/sub/link"
run cs351 autograde enqueue --course CS351 --assignment fine --student a@x.edu --submission "$T/sub" --submitted-at yesterday
expect_rc 2 "bad --submitted-at"
expect_eq "$(cs351 autograde status | json 'd["queued"]')" "$before" "queued runs after bad input"
run cs351 autograde serve --listen 127.0.0.1:0
expect_rc 78 "serve without a token"
CS351_AUTOGRADE_TOKEN=guessable run cs351 autograde serve --listen 127.0.0.1:0
expect_rc 78 "serve with a short token"
expect_contains "$ERR" "autograde.token is only 9 characters"
expect_contains "$ERR" "openssl rand -hex 32"
run cs351 autograde serve --listen nonsense
expect_rc 2 "bad --listen"
