# Local SES endpoints for the mail integration tests. Source after lib.sh.
# Servers started here are killed when the test exits (before lib.sh's cleanup).

SERVER_PIDS=()
on_exit stop_servers

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}

export AWS_ACCESS_KEY_ID=AKIDCS351TEST AWS_SECRET_ACCESS_KEY=cs351-test-secret-key AWS_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE
export CS351_DB="$T/cs351.db"
export CS351_SES_FROM="CS351 Staff <staff@cs351.test>"
export CS351_MAGIC_LINK_BASE_URL="https://cs351.test/login?token="
export CS351_SES_MAX_SEND_RATE=0 CS351_MAGIC_LINK_MIN_INTERVAL=0s

SES_EMULATOR="${CS351_SES_EMULATOR:-/opt/cs351-test-tools/node_modules/.bin/aws-ses-v2-local}"

# start_emulator: aws-ses-v2-local on a free loopback port; sets SES_URL and the endpoint.
start_emulator() {
  [ -x "$SES_EMULATOR" ] || fail "SES emulator missing at $SES_EMULATOR (run .ci/install-deps)"
  AWS_SES_ACCOUNT='{"DedicatedIpAutoWarmupEnabled":false,"Details":{"AdditionalContactEmailAddresses":[],"ContactLanguage":"EN","MailType":"TRANSACTIONAL","ReviewDetails":{"CaseId":"0","Status":"GRANTED"},"UseCaseDescription":"course mail","WebsiteURL":"https://cs351.test"},"EnforcementStatus":"HEALTHY","ProductionAccessEnabled":false,"SendingEnabled":true,"SendQuota":{"Max24HourSend":200,"MaxSendRate":1,"SentLast24Hours":0},"SuppressionAttributes":{"SuppressedReasons":[]}}' \
    "$SES_EMULATOR" --host 127.0.0.1 --port 0 >"$T/emulator.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_for grep -q 'server running at' "$T/emulator.log"
  SES_URL="http://127.0.0.1:$(grep -o 'server running at http://[^:]*:[0-9]*' "$T/emulator.log" | grep -o '[0-9]*$')"
  wait_for curl -sf "$SES_URL/health-check"
  export CS351_SES_ENDPOINT="$SES_URL"
}

# start_stub: our own SES stub (tests/integration/mail/stub_ses.py); sets STUB_URL,
# STUB_LOG (one JSON line per request) and the endpoint.
start_stub() {
  STUB_LOG="$T/stub.jsonl"
  python3 "$CS351_SOURCE_DIR/tests/integration/mail/stub_ses.py" "$T/stub.port" "$STUB_LOG" 2>"$T/stub.err" &
  SERVER_PIDS+=($!)
  wait_for test -s "$T/stub.port"
  STUB_URL="http://127.0.0.1:$(cat "$T/stub.port")"
  export CS351_SES_ENDPOINT="$STUB_URL"
}

# sent_to ADDRESS: how many SendEmail requests the stub received for ADDRESS.
stub_sends_to() {
  python3 - "$STUB_LOG" "$1" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if e["path"] == "/v2/email/outbound-emails" and json.loads(e["body"])["Destination"]["ToAddresses"] == [sys.argv[2]]:
        n += 1
print(n)
PY
}

# emulator_store: the emulator's record of sent mail (JSON).
emulator_store() { curl -sf "$SES_URL/store"; }

# token_for ADDRESS: the token in the last email the emulator holds for ADDRESS.
token_for() {
  emulator_store | python3 -c '
import json, re, sys
mails = [m for m in json.load(sys.stdin)["emails"] if m["destination"]["to"] == [sys.argv[1]]]
print(re.search(r"token=([A-Za-z0-9_-]{43})", mails[-1]["body"]["text"]).group(1))' "$1"
}

# roster COURSE CSV-TEXT: creates the course and imports the CSV text.
roster() {
  cs351 course add "$1" --name "Cloud Computing" >/dev/null 2>&1
  printf '%s\n' "$2" | cs351 roster import - --course "$1" >/dev/null 2>&1 || fail "roster import failed"
}

# expect_refused TOKEN REASON [redeem flags...]: redeem exits 77 and names REASON.
expect_refused() {
  local token=$1 reason=$2
  shift 2
  run cs351 magic-link redeem "$token" "$@"
  expect_rc 77 "redeem refused ($reason)"
  expect_contains "$ERR" "$reason"
}
