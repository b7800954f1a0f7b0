# The bridge under abuse, over real loopback HTTP: 576 slowloris connections from 9 addresses
# of one /24, a 200 MB chunked body, a gzip bomb (200 KB -> 200 MB) and 10k requests with a
# guessed token. Each time a legitimate request (from another network, 127.0.1.2) is answered
# within a second, and the server's peak memory (VmHWM) stays far below what it was sent.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="abuse-token-$$-0123456789abcdef0123456789abcdef"
write_config <<TOML
max_submission_size = "1M"
bridge_header_timeout = "2s"
bridge_body_timeout = "5s"
bridge_requests_per_second = 20
[autograde.assignments.hw1]
command = "true"
TOML
ATTACK="$HERE/bridge_attack.py"

"$CS351_BIN" autograde serve --listen 127.0.0.1:0 2>"$T/serve.err" &
SERVER=$!
on_exit 'kill $SERVER ${SLOW:-} ${FLOOD:-} 2>/dev/null || true'
URL="$(listening_url "$T/serve.err")"
PORT="${URL##*:}"

peak_kb() { awk '/VmHWM/ {print $2}' "/proc/$SERVER/status"; }
# The limit: 1 MiB of upload room plus what the server needs to run; nothing near 200 MB.
MAX_PEAK_KB=$(( $(peak_kb) + 16 * 1024 ))

# legit: a real client on another address gets its answer (404: no run 1) within a second.
legit() {
  local out
  out=$(curl -s -o /dev/null --interface 127.0.1.2 -m 5 -w '%{http_code} %{time_total}' \
    -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "http://127.0.0.1:$PORT/v1/runs/1")
  expect_eq "${out% *}" 404 "status of a legitimate request during $1"
  awk -v t="${out#* }" 'BEGIN { exit !(t < 1.0) }' || fail "legitimate request took ${out#* }s during $1"
}
peak_ok() {
  [ "$(peak_kb)" -lt "$MAX_PEAK_KB" ] || fail "server peak memory $(peak_kb) kB after $1 (limit $MAX_PEAK_KB kB)"
}

# Slowloris: 576 connections that never finish their headers, 64 from each of 9 addresses of
# 127.0.0.0/24. The cap counts per /24, so all but 64 are closed at once, and the header
# deadline (2s) closes those although they keep sending; five legitimate requests all pass.
python3 "$ATTACK" slowloris "$PORT" 576 15 127.0.0.{2..10} >"$T/slow.out" &
SLOW=$!
wait_for grep -q "^held" "$T/slow.out"
held=$(sed -n 's/^held //p' "$T/slow.out")
[ "$held" -le 64 ] && [ "$held" -ge 32 ] || fail "the server kept $held of 576 connections from one /24 (cap 64): $(cat "$T/slow.out")"
for i in 1 2 3 4 5; do legit "slowloris ($i)"; done
wait "$SLOW"
SLOW=
closed=$(sed -n 's/^closed after //p' "$T/slow.out")
[ -n "$closed" ] || fail "slow connections were never closed: $(cat "$T/slow.out")"
awk -v t="$closed" 'BEGIN { exit !(t < 4.0) }' || fail "slow connections closed only after ${closed}s"

# 200 MB chunked: refused without being kept.
expect_eq "$(python3 "$ATTACK" chunked "$PORT" "$CS351_AUTOGRADE_TOKEN" 200000000)" 413 "chunked 200 MB"
peak_ok "a 200 MB chunked body"
legit "after a chunked body"

# A gzip bomb: about 200 KB on the wire, 200 MB inflated; refused while inflating.
expect_eq "$(python3 "$ATTACK" gzip "$PORT" "$CS351_AUTOGRADE_TOKEN" 200000000 2>"$T/gz.err")" 413 "gzip bomb"
expect_contains "$(cat "$T/gz.err")" "compressed"
peak_ok "a gzip bomb"
# gzip that is not gzip, and gzip of a body that is not a tar: both a clear 400.
curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" \
  -H "Content-Type: application/x-tar" -H "Content-Encoding: gzip" --data-binary "plain" \
  "http://127.0.0.1:$PORT/v1/runs" >"$T/code"
expect_eq "$(cat "$T/code")" 400 "status of a broken gzip body"
expect_contains "$(cat "$T/body")" "not valid gzip"
echo "not a tar" | gzip | curl -s -o "$T/body" -w '%{http_code}' \
  -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" -H "Content-Type: application/x-tar" \
  -H "Content-Encoding: gzip" --data-binary @- "http://127.0.0.1:$PORT/v1/runs" >"$T/code"
expect_eq "$(cat "$T/code")" 400 "status of a gzipped non-archive"
expect_contains "$(cat "$T/body")" "archive"

# 10k requests with a guessed token from 127.0.3.3: the first 10 get 401, the rest 429 with
# Retry-After, and a real client on another network gets through.
python3 "$ATTACK" flood "$PORT" guessed-token 10000 127.0.3.3 >"$T/flood.out" &
FLOOD=$!
legit "a flood of 10k requests"
wait "$FLOOD"
FLOOD=
expect_eq "$(json '10 <= d.get("401", 0) <= 20 and d.get("401", 0) + d.get("429", 0) == 10000' <"$T/flood.out")" True \
  "answers to the flood: $(cat "$T/flood.out")"
expect_eq "$(grep -c 'refused GET /v1/runs/1 from 127.0.3.0/24: 401' "$T/serve.err")" "$(json 'd["401"]' <"$T/flood.out")" \
  "one log line per wrong token answered 401"
# One more guess takes any try the network has earned back since; then even the right token
# from that network waits.
curl -s -o /dev/null --interface 127.0.3.3 -H "Authorization: Bearer guessed-again" "http://127.0.0.1:$PORT/v1/runs/1"
curl -s -D "$T/headers" -o "$T/body" --interface 127.0.3.3 -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "http://127.0.0.1:$PORT/v1/runs/1"
expect_contains "$(cat "$T/headers")" "HTTP/1.1 429" "the right token from the guessing network"
grep -Eq '^Retry-After: [1-6]' "$T/headers" || fail "no Retry-After of at most 6 s: $(cat "$T/headers")"
expect_contains "$(cat "$T/body")" "too many wrong bearer tokens from 127.0.3.0/24"
peak_ok "10k requests"

# A held long-poll outlives the header deadline (2s): the client waits 4 s, then gets 202.
cs351 course add CS351 2>/dev/null
RUN=$(enqueue_sub hw1)
out=$(curl -s -o /dev/null --interface 127.0.1.2 -m 20 -w '%{http_code} %{time_total}' \
  -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "http://127.0.0.1:$PORT/v1/runs/$RUN/results?wait=4")
expect_eq "${out% *}" 202 "a long-poll held past the header deadline"
awk -v t="${out#* }" 'BEGIN { exit !(t >= 3.8) }' || fail "the long-poll ended after ${out#* }s, before its 4 s"

# The token's rate limit (20/s): a burst is cut to about one second's worth; the rest get 429.
python3 "$ATTACK" flood "$PORT" "$CS351_AUTOGRADE_TOKEN" 200 >"$T/burst.out"
expect_eq "$(json 'sum(n for code, n in d.items() if code != "429") <= 30 and d.get("429", 0) >= 150' <"$T/burst.out")" True \
  "burst answers $(cat "$T/burst.out")"
urls=(); for _ in $(seq 40); do urls+=("http://127.0.0.1:$PORT/v1/runs/1"); done
curl -s -D "$T/headers" -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "${urls[@]}" >"$T/body"
expect_contains "$(cat "$T/headers")" "Retry-After: 1"
expect_contains "$(cat "$T/body")" "autograde.bridge_requests_per_second"
# A moment later the token may send again.
refilled() { [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "http://127.0.0.1:$PORT/v1/runs/1")" = 200 ]; }
wait_for refilled
kill -0 "$SERVER" || fail "the bridge died"
