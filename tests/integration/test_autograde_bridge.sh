# The HTTP bridge over real loopback HTTP: token first, bounded bodies, JSON
# errors, unknown runs; Gradescope's run_autograder through `submit` against a
# real `serve` and worker; a server that is down or too slow still leaves a
# results.json; two quick submissions of one student get one run.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="it-token-$$-0123456789abcdef0123456789abcdef"
write_config <<TOML
max_submission_size = "64K"
[autograde.assignments.hw1]
title = "Homework 1"
command = "test -f \"\$CS351_SUBMISSION_DIR/main.py\" && echo '{\"score\": 9, \"output\": \"well done\"}' > \"\$CS351_RESULTS_PATH\""
TOML
cs351 course add CS351 2>/dev/null
cs351 course link CS351 777 2>/dev/null

metadata() {  # metadata SUBMISSION_ID EMAIL > file
  cat <<JSON
{"id": $1, "created_at": "2026-11-25T15:00:00.123456-05:00",
 "assignment": {"id": 55, "course_id": 777, "title": "Homework 1", "total_points": "10.0",
                "group_submission": false, "group_size": null},
 "submission_method": "upload", "users": [{"email": "$2", "id": 1, "name": "Someone"}],
 "previous_submissions": []}
JSON
}
metadata 1001 ana@x.edu > "$T/meta.json"

"$CS351_BIN" autograde serve --listen 127.0.0.1:0 2>"$T/serve.err" &
SERVER=$!
on_exit 'kill $SERVER ${WORKER:-} 2>/dev/null || true'
URL="$(listening_url "$T/serve.err")"
PORT="${URL##*:}"
expect_eq "$URL" "http://127.0.0.1:$PORT" "the URL the server reports"
[ "$PORT" -gt 0 ] || fail "the server reported port $PORT for --listen 127.0.0.1:0"

# A port already taken: exit 69 with the operating system's reason.
run cs351 autograde serve --listen "127.0.0.1:$PORT"
expect_rc 69 "a second server on the same port"
expect_contains "$ERR" "cannot listen on 127.0.0.1:$PORT: Address already in use"

status_is() { local want=$1; shift; local code; code=$(curl -s -o "$T/body" -w '%{http_code}' "$@"); BODY="$(cat "$T/body")"; [ "$code" = "$want" ] || fail "expected HTTP $want, got $code for curl $*: $BODY"; }
AUTH=(-H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN")
TAR=(-H "Content-Type: application/x-tar")

# The token is checked first, whatever the path or body.
status_is 401 "$URL/v1/runs/1"
expect_eq "$(echo "$BODY" | json 'd["error"]')" "missing or wrong bearer token"
status_is 401 -H "Authorization: Bearer wrong" "$URL/v1/runs/1"
status_is 401 -H "Authorization: Bearer ${CS351_AUTOGRADE_TOKEN}x" -X POST --data-binary "garbage" "$URL/v1/runs"
status_is 401 -H "Authorization: Basic $CS351_AUTOGRADE_TOKEN" "$URL/nowhere"

# Malformed and hostile bodies: 400 with a JSON error.
status_is 415 "${AUTH[@]}" -X POST --data-binary "a=b" "$URL/v1/runs"
status_is 400 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary "not a tar archive at all" "$URL/v1/runs"
expect_contains "$(echo "$BODY" | json 'd["error"]')" "archive"
python3 "$HERE/tar_tool.py" traversal "$T/traversal.tar"
status_is 400 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary @"$T/traversal.tar" "$URL/v1/runs"
expect_contains "$BODY" "climbs out"
python3 "$HERE/tar_tool.py" latin1 "$T/latin1.tar"
status_is 400 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary @"$T/latin1.tar" "$URL/v1/runs"
expect_contains "$BODY" "not UTF-8"
python3 "$HERE/tar_tool.py" clash "$T/clash.tar"
status_is 400 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary @"$T/clash.tar" "$URL/v1/runs"
expect_contains "$BODY" "'submission/a' is both a file and a folder"
python3 "$HERE/tar_tool.py" nometa "$T/nometa.tar"
status_is 400 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary @"$T/nometa.tar" "$URL/v1/runs"
expect_contains "$BODY" "no submission_metadata.json"
python3 "$HERE/tar_tool.py" big "$T/big.tar" 3000000
status_is 413 "${AUTH[@]}" "${TAR[@]}" -X POST --data-binary @"$T/big.tar" "$URL/v1/runs"
status_is 404 "${AUTH[@]}" "$URL/v1/runs/999"
expect_eq "$(echo "$BODY" | json 'd["error"]')" "no run 999"
status_is 404 "${AUTH[@]}" "$URL/v1/runs/abc"
status_is 404 "${AUTH[@]}" "$URL/v1/runs/99999999999999999999999"

# A submission within the limit but too big once unpacked is refused too.
head -c 70000 /dev/zero > "$T/sub/big.bin"
run cs351 autograde submit --server "$URL" --metadata "$T/meta.json" --submission "$T/sub" --results "$T/r0/results.json" --deadline 5s
expect_rc 65
expect_contains "$(json 'd["output"]' <"$T/r0/results.json")" "larger than 64K"
rm "$T/sub/big.bin"

# The real path: Gradescope's run_autograder -> submit -> serve -> worker -> results.json.
"$CS351_BIN" autograde worker --concurrency 2 2>"$T/worker.err" &
WORKER=$!
AG="$T/autograder"
mkdir -p "$AG/source" "$AG/results"
cp -r "$T/sub" "$AG/submission"
cp "$T/meta.json" "$AG/submission_metadata.json"
printf 'CS351_SERVER=%s\nCS351_AUTOGRADE_TOKEN=%s\n' "$URL" "$CS351_AUTOGRADE_TOKEN" > "$AG/source/cs351.env"
PATH="$(dirname "$CS351_BIN"):$PATH" AUTOGRADER_ROOT="$AG" CS351_DEADLINE=30s bash "$HERE/run_autograder" 2>"$T/ra.err" \
  || fail "run_autograder failed: $(cat "$T/ra.err")"
expect_contains "$(cat "$T/ra.err")" "exited 0"
expect_eq "$(json 'd["score"]' <"$AG/results/results.json")" 9 "score from run_autograder"
expect_eq "$(json 'd["output"]' <"$AG/results/results.json")" "well done"
run cs351 autograde list --student ana@x.edu --format json
expect_eq "$(echo "$OUT" | json 'd[0]["gradescope_submission_id"]')" 1001 "gradescope submission id"
status_is 200 "${AUTH[@]}" "$URL/v1/runs/1"
expect_eq "$(echo "$BODY" | json 'd["status"]')" succeeded

# Two quick submissions by one student (two Gradescope submission ids): one run, same result.
metadata 2001 bo@x.edu > "$T/meta1.json"
metadata 2002 bo@x.edu > "$T/meta2.json"
submits=()
for i in 1 2; do
  "$CS351_BIN" autograde submit --server "$URL" --metadata "$T/meta$i.json" --submission "$T/sub" --results "$T/r$i/results.json" --deadline 30s 2>"$T/submit$i.err" &
  submits+=($!)
done
for p in "${submits[@]}"; do wait "$p" || fail "submit $p exited $?"; done
for i in 1 2; do expect_eq "$(json 'd["score"]' <"$T/r$i/results.json")" 9 "score of submission $i"; done
run cs351 autograde list --student bo@x.edu --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" 1 "runs for a double submission"
expect_contains "$(cat "$T"/submit*.err)" "same run as an earlier submission"

# A server that is too slow (nobody grades): a failure result before the deadline, exit 75.
kill -TERM "$WORKER"
wait "$WORKER"
metadata 3001 cy@x.edu > "$T/meta3.json"
run cs351 autograde submit --server "$URL" --metadata "$T/meta3.json" --submission "$T/sub" --results "$T/slow/results.json" --deadline 1500ms
expect_rc 75
expect_eq "$(json 'd["score"]' <"$T/slow/results.json")" 0 "score when too slow"
expect_contains "$(json 'd["output"]' <"$T/slow/results.json")" "did not finish within 1500ms"

# A server that is down: exit 69, and still a results.json.
kill -TERM "$SERVER"
wait "$SERVER"
run cs351 autograde submit --server "$URL" --metadata "$T/meta3.json" --submission "$T/sub" --results "$T/down/results.json" --deadline 1s
expect_rc 69
expect_contains "$(json 'd["output"]' <"$T/down/results.json")" "could not reach the grading server"

# A wrong token: exit 77 and a result that says so.
"$CS351_BIN" autograde serve --listen 127.0.0.1:0 2>"$T/serve2.err" &
SERVER=$!
URL2="$(listening_url "$T/serve2.err")"
CS351_AUTOGRADE_TOKEN=wrong run cs351 autograde submit --server "$URL2" --metadata "$T/meta3.json" --submission "$T/sub" --results "$T/auth/results.json" --deadline 5s
expect_rc 77
expect_contains "$(json 'd["output"]' <"$T/auth/results.json")" "missing or wrong bearer token"
