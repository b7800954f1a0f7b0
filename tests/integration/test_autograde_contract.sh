# One protocol, two clients: every behaviour of `cs351 autograde submit` runs
# against the C++ client and the Python client that `autograde package` ships
# (lib/cs351/autograde/gradescope/cs351_client.py), and both must give the same
# exit code and the same results.json, so they cannot drift apart. A real
# `serve` and worker on loopback for what a real server does; a scripted fake
# (autograde/fake_bridge.py) for 429, 5xx, a run that never finishes and refusals
# in the agreed shape ({"error", "fault"}, or an older server's bare status).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
CLIENT_PY="$CS351_SOURCE_DIR/lib/cs351/autograde/gradescope/cs351_client.py"
# The Python that runs the client: CS351_CLIENT_PYTHON=/path/to/python3.6 tries the oldest one
# Gradescope has (Ubuntu 18.04) where it is installed.
CLIENT_PYTHON="${CS351_CLIENT_PYTHON:-python3}"
TOKEN="contract-token-$$-0123456789abcdef0123456789abcdef"
export CS351_AUTOGRADE_TOKEN="$TOKEN"
bridge_course <<TOML
[autograde.assignments.hw2]
title = "Homework 2"
command = "echo '{\"score\": 1, \"output_format\": \"rich\"}' > \"\$CS351_RESULTS_PATH\""
TOML
start_bridge 2
REAL="$URL"

# submit_with CLIENT NAME SERVER [DEADLINE] [TOKEN]: runs one client on $T/$NAME/meta.json and
# $T/$NAME/submission (default: the one-file $T/sub) into $T/$NAME/CLIENT/results.json;
# RC, OUT, ERR as `run` sets them, and ELAPSED in seconds.
submit_with() {
  local client=$1 name=$2 server=$3 deadline=${4:-60s} token=${5:-$TOKEN} dir="$T/$2"
  local sub="$dir/submission"
  [ -d "$sub" ] || sub="$T/sub"
  local started
  now_s
  started=$NOW_S
  if [ "$client" = cpp ]; then
    CS351_AUTOGRADE_TOKEN="$token" run cs351 autograde submit --server "$server" \
      --metadata "$dir/meta.json" --submission "$sub" --results "$dir/$client/results.json" \
      --deadline "$deadline"
  else
    printf '{"server": "%s", "token": "%s", "deadline": "%s"}\n' "$server" "$token" "$deadline" \
      > "$dir/connection.json"
    run "$CLIENT_PYTHON" "$CLIENT_PY" --connection "$dir/connection.json" --metadata "$dir/meta.json" \
      --submission "$sub" --results "$dir/$client/results.json"
  fi
  now_s
  ELAPSED=$((NOW_S - started))
  [ -s "$dir/$client/results.json" ] || fail "$client wrote no results.json for $name: $ERR"
}

# output_of CLIENT NAME: the results.json's output.
output_of() { json 'd["output"]' <"$T/$2/$1/results.json"; }

# same_results NAME: both clients wrote the same results.json (as JSON).
same_results() {
  python3 - "$T/$1/cpp/results.json" "$T/$1/python/results.json" <<'PY' \
    || fail "the two clients wrote different results.json for $1"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
if a != b:
    print("cpp:    ", json.dumps(a, sort_keys=True), "\npython: ", json.dumps(b, sort_keys=True), file=sys.stderr)
    sys.exit(1)
PY
}

# fake SCENARIO: a fresh fake_bridge.py; its URL in $FAKE, its request log in $FAKE_LOG.
fake() {
  local port_file="$T/fake.$$.$RANDOM"
  FAKE_LOG="$port_file.log"
  : >"$FAKE_LOG"
  python3 "$HERE/fake_bridge.py" "$1" "$port_file" "$FAKE_LOG" &
  local pid=$!
  BACKGROUND+=($pid)
  wait_for test -s "$port_file"
  FAKE="http://127.0.0.1:$(cat "$port_file")"
}

seq_id=5000
new_case() {  # new_case NAME EMAIL [TITLE]: a fresh metadata for case NAME
  mkdir -p "$T/$1"
  seq_id=$((seq_id + 1))
  gradescope_metadata "$seq_id" "$2" "${3:-}" >"$T/$1/meta.json"
}

for client in cpp python; do
  # The grader's result is delivered: exit 0, the grader's own results.json.
  new_case ok "ok-$client@x.edu"
  submit_with "$client" ok "$REAL"
  expect_rc 0 "$client: results delivered"
  expect_eq "$(json 'd["score"]' <"$T/ok/$client/results.json")" 9 "$client: score"
  expect_eq "$(output_of "$client" ok)" "well done"

  # A grader whose results.json the rules refuse: exit 65, the page blames the grader.
  new_case "refused-$client" "refused-$client@x.edu" "Homework 2"
  submit_with "$client" "refused-$client" "$REAL"
  expect_rc 65 "$client: grader's results refused"
  expect_contains "$(output_of "$client" "refused-$client")" "resubmitting will not help"

  # A double submission (two Gradescope ids, same student and files): one run, both scored.
  new_case "dup1-$client" "dup-$client@x.edu"
  new_case "dup2-$client" "dup-$client@x.edu"
  submit_with "$client" "dup1-$client" "$REAL"
  submit_with "$client" "dup2-$client" "$REAL"
  expect_rc 0 "$client: second of a double submission"
  expect_contains "$ERR" "same run as an earlier submission"
  expect_eq "$(json 'd["score"]' <"$T/dup2-$client/$client/results.json")" 9
  run cs351 autograde list --student "dup-$client@x.edu" --format json
  expect_eq "$(echo "$OUT" | json 'len(d)')" 1 "$client: runs for a double submission"

  # A student symlink to a secret outside the submission: never followed, never sent.
  new_case "link-$client" "link-$client@x.edu"
  mkdir -p "$T/link-$client/submission"
  echo 'print(1)' >"$T/link-$client/submission/main.py"
  echo "SECRET-$client-$$" >"$T/secret-$client"
  ln -s "$T/secret-$client" "$T/link-$client/submission/notes.txt"
  submit_with "$client" "link-$client" "$REAL"
  expect_rc 65 "$client: a submission holding a symlink"
  expect_contains "$(output_of "$client" "link-$client")" "notes.txt"
  ! grep -rqa "SECRET-$client" "$XDG_DATA_HOME" "$T/serve.err" \
    || fail "$client: the symlink's target reached the server"
done
same_results ok

# Refusals that retrying cannot fix end within seconds, and both clients agree.
for client in cpp python; do
  new_case token "t@x.edu"
  submit_with "$client" token "$REAL" 60s "wrong-$TOKEN"
  expect_rc 77 "$client: wrong token"
  [ $ELAPSED -lt 10 ] || fail "$client: a wrong token took ${ELAPSED}s"
  expect_contains "$(output_of "$client" token)" \
    "The course staff must fix the autograder configuration: HTTP 401: missing or wrong bearer token"

  new_case unknown "u@x.edu" "Homework 9"
  submit_with "$client" unknown "$REAL"
  eval "RC_unknown_$client=$RC"
  [ $ELAPSED -lt 10 ] || fail "$client: an unknown assignment took ${ELAPSED}s"
  expect_contains "$(output_of "$client" unknown)" "Homework 9"
done
expect_eq "$RC_unknown_cpp" "$RC_unknown_python" "exit codes for an unknown assignment"
same_results token
same_results unknown

# What only a loaded or misconfigured server does, from the scripted fake.
for client in cpp python; do
  new_case limited "l@x.edu"
  fake rate-limited
  submit_with "$client" limited "$FAKE"
  expect_rc 0 "$client: after a 429"
  expect_eq "$(json 'd["score"]' <"$T/limited/$client/results.json")" 7
  python3 - "$FAKE_LOG" <<'PY' || fail "$client did not wait for Retry-After: $(cat "$FAKE_LOG")"
import sys
posts = [float(l.split()[2]) for l in open(sys.argv[1]) if l.startswith("POST")]
sys.exit(0 if len(posts) == 2 and posts[1] - posts[0] >= 0.9 else 1)
PY
  expect_contains "$(cat "$FAKE_LOG")" "GET /v1/runs/5/results?wait=20 " "$client: long poll"

  new_case busy "b@x.edu"
  fake busy
  submit_with "$client" busy "$FAKE"
  expect_rc 0 "$client: after 503, 502 and 500"

  new_case never "n@x.edu"
  fake never-done
  submit_with "$client" never "$FAKE" 2s
  expect_rc 75 "$client: the deadline"
  expect_contains "$(output_of "$client" never)" "run 5 did not finish within 2s"
  [ "$(grep -c '^GET' "$FAKE_LOG")" -ge 2 ] || fail "$client did not poll again before its deadline"
  # Every request over one kept-alive connection: a TLS handshake per poll is what 200
  # containers polling at once cost a 2-core server (docs/benchmarks.md, deadline rush).
  [ "$(awk '{print $4}' "$FAKE_LOG" | sort -u | wc -l)" -eq 1 ] \
    || fail "$client opened a connection per request: $(cat "$FAKE_LOG")"

  # Refusals: the server's "fault" decides, else (older servers) the status.
  for expected in staff-fault:78 old-unknown-assignment:78 old-too-large:65; do
    scenario=${expected%:*}
    new_case "$scenario" "s@x.edu"
    fake "$scenario"
    submit_with "$client" "$scenario" "$FAKE"
    expect_rc "${expected#*:}" "$client: $scenario"
    [ $ELAPSED -lt 10 ] || fail "$client: $scenario took ${ELAPSED}s"
    [ "$(grep -c '^POST' "$FAKE_LOG")" -eq 1 ] || fail "$client retried $scenario"
  done
  expect_contains "$(output_of "$client" staff-fault)" \
    "The course staff must fix the autograder configuration: HTTP 422: grader folder exposes the store"
  expect_contains "$(output_of "$client" old-too-large)" \
    "The grading server did not accept your submission: HTTP 413"

  # A server that is down: exit 69, a result that says it could not be reached.
  new_case down "d@x.edu"
  submit_with "$client" down "http://127.0.0.1:1" 1s
  expect_rc 69 "$client: server down"
  expect_contains "$(output_of "$client" down)" "could not reach the grading server at http://127.0.0.1:"

  # Plain http:// to a host that is not loopback: refused before anything is sent.
  new_case plain "p@x.edu"
  submit_with "$client" plain "http://grader.example.edu:8351"
  expect_rc 78 "$client: plain http to a remote host"
  [ $ELAPSED -lt 5 ] || fail "$client: refusing plain http took ${ELAPSED}s"
done
for scenario in limited busy never staff-fault old-unknown-assignment old-too-large plain; do
  same_results "$scenario"
done
