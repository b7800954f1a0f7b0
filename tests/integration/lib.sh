# Shared helpers for integration tests. Source it first: it makes a private
# temp dir with its own store and config, and removes it when the test passes.
set -euo pipefail

: "${CS351_BIN:?run through ctest (CS351_BIN is the built binary)}"
: "${CS351_SOURCE_DIR:?run through ctest}"
FIXTURES="$CS351_SOURCE_DIR/fixtures"
T="$(mktemp -d "${TMPDIR:-/tmp}/cs351-it.XXXXXX")"
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
unset CS351_DB CS351_CONFIG NO_COLOR
export LC_ALL=C.UTF-8
FAILED=0
BACKGROUND=()  # pids of servers and workers a test started: killed when it exits, pass or fail
EXIT_HOOKS=()  # clean-ups helpers register with on_exit; run newest first when the test exits

# on_exit COMMAND: run COMMAND when the test exits, pass or fail, before the temp dir goes.
# The one EXIT trap is lib.sh's: a helper that set its own would drop the others' clean-ups
# (a PostgreSQL cluster left running, a temp dir never removed).
on_exit() { EXIT_HOOKS=("$1" "${EXIT_HOOKS[@]}"); }

# now_s: whole seconds since boot, in NOW_S. Every deadline and duration of the tests counts on
# it, not on bash's SECONDS, which follows the wall clock: a clock step (or a paused virtual
# machine whose clock is set right when it resumes) made a 20 s wait give up 2 s in.
now_s() {
  local up _
  read -r up _ </proc/uptime
  NOW_S=${up%.*}
}

# stop_background: TERM to each server and worker the test started, and a wait (at most 10 s,
# then KILL) until each has exited, so none still writes in the temp dir while it is removed
# (a worker shutting down made `rm -rf` fail with "Directory not empty").
stop_background() {
  local pid deadline
  now_s
  deadline=$((NOW_S + 10))
  kill "${BACKGROUND[@]}" 2>/dev/null || true
  for pid in "${BACKGROUND[@]}"; do
    while running "$pid" && now_s && [ "$NOW_S" -lt $deadline ]; do sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait "${BACKGROUND[@]}" 2>/dev/null || true
}

# running PID: the process exists and has not exited (a zombie waiting to be reaped has).
running() { case "$(ps -o stat= -p "$1" 2>/dev/null)" in '' | Z*) false ;; esac; }

finish() {
  local status=$? hook
  for hook in "${EXIT_HOOKS[@]}"; do eval "$hook" || true; done
  [ ${#BACKGROUND[@]} -eq 0 ] || stop_background
  if [ $status -eq 0 ] && [ $FAILED -eq 0 ]; then rm -rf "$T"; else echo "kept $T for inspection" >&2; fi
}
trap finish EXIT
# A test stopped by a signal (ctest's timeout, Ctrl-C) still cleans up.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

cs351() { "$CS351_BIN" "$@"; }

fail() { echo "FAIL: $*" >&2; FAILED=1; exit 1; }

# run CMD...: runs it capturing stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
  set +e
  "$@" >"$T/out" 2>"$T/err"
  RC=$?
  set -e
  OUT="$(cat "$T/out")"
  ERR="$(cat "$T/err")"
}

expect_rc() {
  [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC${2:+ ($2)}
stdout: $OUT
stderr: $ERR"
}

expect_contains() {  # expect_contains HAYSTACK NEEDLE [what]
  case "$1" in *"$2"*) ;; *) fail "expected ${3:-output} to contain '$2', got:
$1" ;; esac
}

expect_not_contains() {
  case "$1" in *"$2"*) fail "expected ${3:-output} not to contain '$2', got:
$1" ;; *) ;; esac
}

expect_eq() {  # expect_eq ACTUAL EXPECTED [what]
  [ "$1" == "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

# q SQL: the first column of the first row SQL gives, read from the store cs351 uses now
# (CS351_DB when set, else the default under XDG_DATA_HOME).
q() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" \
    "${CS351_DB:-$XDG_DATA_HOME/cs351/cs351.db}" "$1"
}

# json EXPR < file: evaluate a Python expression over the parsed JSON `d`.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# wait_for CMD...: poll until CMD succeeds, at most 20 s.
wait_for() {
  local deadline
  now_s
  deadline=$((NOW_S + 20))
  until "$@" >/dev/null 2>&1; do
    now_s
    [ "$NOW_S" -lt $deadline ] || fail "timed out waiting for: $*"
    sleep 0.05
  done
}

# unused_port: a TCP port on 127.0.0.1 that nothing listens on this moment, for servers that
# cannot bind port 0 (PostgreSQL, Caddy): their helpers start again on a new one when another
# server took it first.
unused_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

# listening_url LOG: waits until the server started with `--listen HOST:0` and logging to LOG
# says "listening on URL", and prints that URL. The server binds port 0 and reports the port the
# kernel gave it: a port picked here and bound later could be taken in between (ctest -j).
listening_url() {
  wait_for grep -Eq "listening on https?://" "$1"
  sed -En 's/.*listening on (https?:[^ ]*).*/\1/p' "$1" | head -n 1
}
