# Shared set-up of the autograde integration tests. Source after ../lib.sh.
HERE="$CS351_SOURCE_DIR/tests/integration/autograde"
mkdir -p "$XDG_CONFIG_HOME/cs351" "$T/sub"
echo 'print("hi")' > "$T/sub/main.py"  # a one-file submission

# CS351_TEST_QUEUE=postgres (the `.pg` ctest entries) runs the same test with the
# queue on a throwaway PostgreSQL cluster (../postgres.sh), migrated here; every
# worker, enqueue and status then goes through it.
QUEUE_LINE=""
if [ "${CS351_TEST_QUEUE:-sqlite}" = postgres ]; then
  source "$CS351_SOURCE_DIR/tests/integration/postgres.sh"
  start_postgres
  QUEUE_LINE="queue_url = \"$PG_URL\""
  CS351_AUTOGRADE_QUEUE_URL="$PG_URL" "$CS351_BIN" autograde migrate 2>/dev/null \
    || fail "autograde migrate failed"
fi

# enqueue_sub ASSIGNMENT [STUDENT]: queues the one-file submission $T/sub of STUDENT
# (a@x.edu) in course CS351 and prints the run id.
enqueue_sub() {
  cs351 autograde enqueue --course CS351 --assignment "$1" --student "${2:-a@x.edu}" \
    --submission "$T/sub" | json 'd["run_id"]'
}

# write_config <<TOML: the config file; stdin continues the [autograde] table
# (which polls fast for tests, and names the PostgreSQL queue when testing it)
# and adds the assignments.
write_config() {
  { printf '[autograde]\npoll_interval = "50ms"\n%s\n' "$QUEUE_LINE"; cat; } \
    > "$XDG_CONFIG_HOME/cs351/config.toml"
}

# grader_log: the start/end lines record_grader.sh printed into every run's
# log (the sandbox lets a grader write nowhere else), gathered in time order
# into $GRADER_LOG for check_log.py.
GRADER_LOG="$T/grader.log"
grader_log() {  # one Python for all runs: a Python start per run costs seconds on a busy machine
  python3 - "$CS351_BIN" >"$GRADER_LOG" <<'PY'
import json, subprocess, sys
def cs351(*args): return json.loads(subprocess.check_output([sys.argv[1], "autograde", *args]))
lines = [line for run in cs351("list", "--format", "json", "--limit", "1000")
         for line in cs351("status", str(run["run_id"]))["log"].splitlines()
         if line.startswith(("start ", "end "))]
print("\n".join(sorted(lines, key=lambda line: int(line.split()[3]))))
PY
}

# start_serve: `cs351 autograde serve` alone on a port of its own (its URL in $URL, its pid
# in $SERVER, its log in $T/serve.err), stopped when the test exits.
start_serve() {
  "$CS351_BIN" autograde serve --listen 127.0.0.1:0 2>"$T/serve.err" &
  SERVER=$!
  BACKGROUND+=("$SERVER")
  URL="$(listening_url "$T/serve.err")"
}

# status_of RUN FIELD: one field of `cs351 autograde status RUN`.
status_of() { cs351 autograde status "$1" | json "d['$2']"; }

# start_bridge CONCURRENCY: `cs351 autograde serve` on a port of its own (its URL in
# $URL) and one worker, both stopped when the test exits; the temp dir is
# still removed when the test passes.
start_bridge() {
  "$CS351_BIN" autograde serve --listen 127.0.0.1:0 2>"$T/serve.err" &
  BRIDGE_PIDS=($!)
  "$CS351_BIN" autograde worker --concurrency "$1" 2>"$T/worker.err" &
  BRIDGE_PIDS+=($!)
  on_exit 'kill "${BRIDGE_PIDS[@]}" 2>/dev/null || true; wait "${BRIDGE_PIDS[@]}" 2>/dev/null || true'
  URL="$(listening_url "$T/serve.err")"
}

# bridge_course <<TOML: the config of the bridge tests (hw1, "Homework 1", scores 9
# when main.py was submitted, plus the assignments on stdin), course CS351 linked to
# Gradescope course 777.
bridge_course() {
  write_config <<TOML
[autograde.assignments.hw1]
title = "Homework 1"
command = "test -f \"\$CS351_SUBMISSION_DIR/main.py\" && echo '{\"score\": 9, \"output\": \"well done\"}' > \"\$CS351_RESULTS_PATH\""
$(cat)
TOML
  cs351 course add CS351 2>/dev/null
  cs351 course link CS351 777 2>/dev/null
}

# gradescope_metadata ID EMAIL [TITLE]: a submission_metadata.json of course 777.
gradescope_metadata() {
  cat <<JSON
{"id": $1, "created_at": "2026-11-25T15:00:00.123456-05:00",
 "assignment": {"id": 55, "course_id": 777, "title": "${3:-Homework 1}", "total_points": "10.0"},
 "submission_method": "upload", "users": [{"email": "$2", "id": 1, "name": "Someone"}],
 "previous_submissions": []}
JSON
}

# start_caddy CERT KEY UPSTREAM: a real Caddy terminating TLS with CERT/KEY on 127.0.0.1 and
# forwarding to UPSTREAM (host:port); its URL in $PROXY, stopped when the test exits. Caddy
# cannot bind port 0, so it gets a port that was free a moment ago, and starts again on another
# when something took that port first (ctest -j).
start_caddy() {
  local attempt pid port
  for attempt in 1 2 3 4 5; do
    port=$(unused_port)
    cat >"$T/Caddyfile" <<CADDY
{
	admin off
	http_port $(unused_port)
	auto_https disable_redirects
	storage file_system $T/caddy-data
}
https://127.0.0.1:$port, https://localhost:$port {
	tls $1 $2
	reverse_proxy $3
}
CADDY
    XDG_DATA_HOME="$T/caddy-data" XDG_CONFIG_HOME="$T/caddy-data" \
      caddy run --config "$T/Caddyfile" --adapter caddyfile >"$T/caddy.log" 2>&1 &
    pid=$!
    wait_for caddy_settled "$pid"
    if kill -0 "$pid" 2>/dev/null; then
      BACKGROUND+=("$pid")
      PROXY="https://127.0.0.1:$port"
      return 0
    fi
    grep -q "address already in use" "$T/caddy.log" || fail "caddy did not start: $(cat "$T/caddy.log")"
  done
  fail "caddy found no free port in 5 tries"
}

# caddy_settled PID: Caddy has either exited or serves its configuration.
caddy_settled() { ! kill -0 "$1" 2>/dev/null || grep -q "serving initial configuration" "$T/caddy.log"; }
