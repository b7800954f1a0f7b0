# Refusals reach staff at once, and results reach students at once. Every refused submission
# (unknown assignment or course, a grader folder that would expose the store, wrong token,
# unreadable archive, names no file system can hold) is a non-retryable 4xx with
# {"error", "fault"}, one serve log line at the default verbosity, and a row that
# `autograde status` lists; `submit` turns a staff fault into a results.json within seconds.
# Long-poll: GET .../results?wait=S answers the moment the run is done (within a second), or
# 202 after S seconds, without tying up the server's threads.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="refusal-token-$$-0123456789abcdef0123456789abcdef"
write_config <<TOML
[autograde.assignments.hw1]
title = "Homework 1"
command = "sleep 2; printf '{\"score\": 4, \"output\": \"%s\"}' \"\$(date +%s.%N)\" > \"\$CS351_RESULTS_PATH\""
[autograde.assignments.hw2]
title = "Homework 2"
command = "true"
grader_dir = "$XDG_CONFIG_HOME"
TOML
cs351 course add CS351 2>/dev/null
cs351 course link CS351 777 2>/dev/null

archive() {  # archive TITLE COURSE_ID SUBMISSION_ID > tar: metadata + the one-file submission
  mkdir -p "$T/a/submission"
  cp "$T/sub/main.py" "$T/a/submission/"
  cat >"$T/a/submission_metadata.json" <<JSON
{"id": $3, "created_at": "2026-11-25T15:00:00Z",
 "assignment": {"id": 55, "course_id": $2, "title": "$1", "total_points": "10.0"},
 "users": [{"email": "ana@x.edu", "id": 1, "name": "Ana"}], "previous_submissions": []}
JSON
  tar -C "$T/a" -cf - submission_metadata.json submission
}

start_serve
PORT=${URL##*:}

AUTH=(-H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN")
TAR=(-H "Content-Type: application/x-tar")
# refused STATUS FAULT MESSAGE CURL-ARGS...: the answer, its JSON, and its one new log line.
REFUSED=0
log_lines() { [ "$(grep -ac '^refused ' "$T/serve.err")" -ge "$1" ]; }
refused() {
  local status=$1 fault=$2 message=$3 code; shift 3
  code=$(curl -s -o "$T/body" -w '%{http_code}' "$@")
  expect_eq "$code" "$status" "status for $message"
  expect_eq "$(json 'd["fault"]' <"$T/body")" "$fault" "fault for $message"
  expect_contains "$(json 'd["error"]' <"$T/body")" "$message"
  REFUSED=$((REFUSED + 1))
  wait_for log_lines "$REFUSED"
  expect_eq "$(grep -ac '^refused ' "$T/serve.err")" "$REFUSED" "log lines after refusing: $message"
  local line; line=$(grep -a '^refused ' "$T/serve.err" | tail -1)
  expect_contains "$line" "from 127.0.0.0/24: $status ($fault's fault) " "serve log"
  expect_contains "$line" "$message" "serve log"
}

archive "Homework 9" 777 1 >"$T/unknown.tar"
refused 404 staff "no [autograde.assignments.*] matches Gradescope assignment 'Homework 9' (id 55)" \
  "${AUTH[@]}" "${TAR[@]}" --data-binary @"$T/unknown.tar" "$URL/v1/runs"
archive "Homework 1" 999 2 >"$T/course.tar"
refused 404 staff "no course is linked to Gradescope course 999" \
  "${AUTH[@]}" "${TAR[@]}" --data-binary @"$T/course.tar" "$URL/v1/runs"
archive "Homework 2" 777 3 >"$T/exposed.tar"
refused 422 staff "would show the grader" \
  "${AUTH[@]}" "${TAR[@]}" --data-binary @"$T/exposed.tar" "$URL/v1/runs"
refused 401 staff "missing or wrong bearer token" \
  -H "Authorization: Bearer not-the-token" "${TAR[@]}" --data-binary @"$T/unknown.tar" "$URL/v1/runs"
refused 400 student "truncated (no end-of-archive marker)" \
  "${AUTH[@]}" "${TAR[@]}" --data-binary "garbage, not a tar archive" "$URL/v1/runs"
# Names the worker could not write: bytes of a surrogate, of a code point beyond U+10FFFF.
for kind in surrogate beyond latin1; do
  python3 "$HERE/tar_tool.py" "$kind" "$T/$kind.tar"
  refused 400 student "not UTF-8" "${AUTH[@]}" "${TAR[@]}" --data-binary @"$T/$kind.tar" "$URL/v1/runs"
done
expect_eq "$(cs351 autograde list --format json | json 'len(d)')" 0 "runs made by refused submissions"

# Staff see them all in `autograde status`, newest first.
run cs351 autograde status --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[r["status"] for r in d["refusals_last_hour"]]')" "[400, 400, 400, 400, 401, 422, 404, 404]"
expect_eq "$(echo "$OUT" | json '[r["fault"] for r in d["refusals_last_hour"]][-4:]')" "['staff', 'staff', 'staff', 'staff']"
expect_eq "$(echo "$OUT" | json 'd["refusals_last_hour"][-1]["client"]')" "127.0.0.0/24"
expect_contains "$(echo "$OUT" | json 'd["refusals_last_hour"][-1]["error"]')" "Homework 9"

# The C++ client: a staff fault is never retried, and the page says who must act.
metadata_file() { archive "$1" 777 "$2" >/dev/null; cp "$T/a/submission_metadata.json" "$T/meta-$2.json"; }
metadata_file "Homework 9" 10
now_s
start=$NOW_S
run cs351 autograde submit --server "$URL" --metadata "$T/meta-10.json" --submission "$T/sub" --results "$T/staff/results.json" --deadline 5m
expect_rc 78 "submit refused for a staff fault"
now_s
[ $((NOW_S - start)) -lt 10 ] || fail "submit took $((NOW_S - start)) s to give up on a staff fault"
expect_contains "$(json 'd["output"]' <"$T/staff/results.json")" "The course staff must fix the autograder configuration: HTTP 404"
expect_eq "$(json 'd["score"]' <"$T/staff/results.json")" 0

# Long-poll: no worker yet, so ?wait=2 is held about 2 s and then answered 202.
archive "Homework 1" 777 20 >"$T/hw1.tar"
curl -s -o "$T/created" "${AUTH[@]}" "${TAR[@]}" --data-binary @"$T/hw1.tar" "$URL/v1/runs"
RUN=$(json 'd["run_id"]' <"$T/created")
out=$(curl -s -o "$T/body" -w '%{http_code} %{time_total}' "${AUTH[@]}" "$URL/v1/runs/$RUN/results?wait=2")
expect_eq "${out% *}" 202 "a held request for an unfinished run"
awk -v t="${out#* }" 'BEGIN { exit !(t >= 1.8 && t < 10) }' || fail "?wait=2 answered after ${out#* }s"
code=$(curl -s -o "$T/body" -w '%{http_code}' "${AUTH[@]}" "$URL/v1/runs/$RUN/results?wait=31")
expect_eq "$code" 400 "wait beyond 30 s"
expect_contains "$(json 'd["error"]' <"$T/body")" "from 0 to 30"

# 40 held requests do not hold the server's 4 threads: another request is answered at once.
for i in $(seq 40); do
  curl -s -o /dev/null "${AUTH[@]}" "$URL/v1/runs/$RUN/results?wait=6" &
  HELD+=($!)
done
sleep_until_held() { [ "$(ss -Htn state established "( dport = :$PORT )" | wc -l)" -ge 40 ]; }
wait_for sleep_until_held
out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "${AUTH[@]}" "$URL/v1/runs/$RUN")
expect_eq "${out% *}" 200 "a status request while 40 are held"
awk -v t="${out#* }" 'BEGIN { exit !(t < 1.0) }' || fail "a status request took ${out#* }s while 40 were held"

# With a worker, the held request gets the result soon after the grader finishes (its output
# is the moment it wrote results.json; the run is saved and the held request asked again
# within 250 ms; 2 s leaves room for a loaded machine).
"$CS351_BIN" autograde worker --concurrency 1 2>"$T/worker.err" &
BACKGROUND+=($!)
out=$(curl -s -o "$T/result" -w '%{http_code}' "${AUTH[@]}" "$URL/v1/runs/$RUN/results?wait=30")
done_at=$(date +%s.%N)
expect_eq "$out" 200 "the held request's answer once the run is done"
expect_eq "$(json 'd["score"]' <"$T/result")" 4
lag=$(awk -v a="$done_at" -v b="$(json 'd["output"]' <"$T/result")" 'BEGIN { printf "%.3f", a - b }')
echo "result reached its client ${lag}s after the grader wrote it" >&2
awk -v l="$lag" 'BEGIN { exit !(l < 2.0) }' || fail "the result reached its client ${lag}s after the grader wrote it"
for p in "${HELD[@]}"; do wait "$p" || true; done
kill -0 "$SERVER" || fail "the bridge died"
