# Starts the fake Gradescope (fake_gradescope.py) for one test script, points
# cs351 at it, and stops it on exit. Source after ../lib.sh.
GS_PASSWORD="correct horse battery staple"
GS_EMAIL="ta@example.edu"
GS_LOG="$T/gradescope-requests.log"

start_fake_gradescope() {  # [extra args for fake_gradescope.py]
  python3 "$CS351_SOURCE_DIR/tests/integration/gradescope/fake_gradescope.py" \
    --fixtures "$FIXTURES/gradescope" --port-file "$T/gs.port" --email "$GS_EMAIL" \
    --password "$GS_PASSWORD" --log "$GS_LOG" "$@" &
  GS_PID=$!
  on_exit 'kill "$GS_PID" 2>/dev/null || true; wait "$GS_PID" 2>/dev/null || true'
  wait_for test -s "$T/gs.port"
  GS_URL="http://127.0.0.1:$(cat "$T/gs.port")"
  export CS351_GRADESCOPE_BASE_URL="$GS_URL" CS351_GRADESCOPE_MIN_INTERVAL_MS=0 CS351_GRADESCOPE_EMAIL="$GS_EMAIL"
}

# gs_control key=value...: change the fake server's behaviour.
gs_control() {
  local q; q="$(IFS='&'; echo "$*")"
  python3 -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1]).read()" "$GS_URL/__control?$q"
}

# gs_stats EXPR: a Python expression over the server's counters `d`.
gs_stats() { python3 -c "import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())" "$GS_URL/__stats" | json "$1"; }

gs_login() { printf '%s\n' "$GS_PASSWORD" | cs351 gradescope login --password-stdin; }

# A course linked to the fake's course 1001, in New York time.
setup_linked_course() {
  cs351 course add CS351-S26 --name "Cloud Computing" --timezone America/New_York >/dev/null 2>&1
  cs351 course link CS351-S26 1001 >/dev/null 2>&1
}
