# `autograde log`: the run's timeline (enqueued, claimed by which worker, the
# sandbox limits, finished, result size) and the grader's output as written:
# piped, the bytes unchanged; on a terminal, newlines and UTF-8 kept and control
# characters shown as escapes. --follow waits with a queued run until it finishes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
write_config <<TOML
[autograde.assignments.hw1]
command = "$HERE/noisy_grader.sh"
TOML
cs351 course add CS351 2>/dev/null
id=$(enqueue_sub hw1 ana@x.edu)

# Followed from while it is queued: returns by itself once a worker finished it.
"$CS351_BIN" autograde log "$id" --follow >"$T/follow.out" 2>"$T/follow.err" &
follower=$!
wait_for grep -q "enqueued: hw1 for ana@x.edu" "$T/follow.out"
cs351 autograde worker --once 2>"$T/worker.err" || fail "worker: $(cat "$T/worker.err")"
expect_contains "$(cat "$T/worker.err")" "run $id (hw1; ana@x.edu) succeeded: score 7" "worker line"
follower_done() { ! kill -0 "$follower"; }
wait_for follower_done
wait "$follower" || fail "log --follow exited $?: $(cat "$T/follow.err")"
expect_contains "$(cat "$T/follow.out")" "finished: succeeded, score 7, results.json 11 bytes"
expect_contains "$(cat "$T/follow.out")" "warning: on stderr"

# Piped: exactly what the grader wrote.
run cs351 autograde log "$id"
expect_rc 0
expect_contains "$OUT" "claimed by worker "
expect_contains "$OUT" "limits"
expect_contains "$OUT" $'test 1: passed\nZo\303\253 \342\234\223 na\303\257ve\n\033[31mred\033[0m\tafter a tab'
expect_contains "$OUT" $'\033]0;retitled\007\033[2Jcleared'

# On a terminal: the same lines, the escapes made visible.
run python3 "$CS351_SOURCE_DIR/tests/integration/pty/pty_run.py" -- "$CS351_BIN" autograde log "$id"
expect_rc 0
expect_contains "$OUT" $'Zo\303\253 \342\234\223 na\303\257ve\r\n\\x1b[31mred\\x1b[0m\tafter a tab'
expect_contains "$OUT" '\x1b]0;retitled\x07\x1b[2Jcleared'
case "$OUT" in *$'\033'* | *$'\007'*) fail "raw control bytes on the terminal: $OUT" ;; esac

run cs351 autograde log "$id" --format json
expect_eq "$(echo "$OUT" | json 'd["output"].splitlines()[1]')" $'Zo\303\253 \342\234\223 na\303\257ve' "output in JSON"
expect_eq "$(echo "$OUT" | json 'd["timeline"][-1]["what"]')" "finished: succeeded, score 7, results.json 11 bytes"

run cs351 autograde log 999
expect_rc 65 "unknown run"
expect_contains "$ERR" "no run 999"
