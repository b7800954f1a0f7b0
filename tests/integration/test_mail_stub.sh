#!/usr/bin/env bash
# Against our stub SES (answers like the real service): SigV4 checked by botocore,
# rejection, throttling, outage then flush, timeout, the pace, sandbox status and
# verify-recipients.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mail/servers.sh"
start_stub
export CS351_SES_MAX_ATTEMPTS=3

roster CS351 "email,name
ok-1@x.edu,One
reject-1@x.edu,Rejected
throttle-1@x.edu,Throttled
verified@x.edu,Verified"

# Sandbox: the unverified recipients are named before sending.
run cs351 magic-link send --course CS351 --yes --format json
expect_rc 1 "a rejected message makes the run fail"
expect_contains "$ERR" "sandbox mode: 3 recipient(s) are not verified"
expect_contains "$ERR" "sent 3, failed 1"
expect_eq "$(echo "$OUT" | json '{r["email"]: r["status"] for r in d}')" \
  "{'ok-1@x.edu': 'sent', 'reject-1@x.edu': 'failed', 'throttle-1@x.edu': 'sent', 'verified@x.edu': 'sent'}"
expect_contains "$(echo "$OUT" | json '[r["detail"] for r in d if r["status"] == "failed"][0]')" "MessageRejected: Email address is not verified"
expect_eq "$(stub_sends_to throttle-1@x.edu)" "3" "attempts for the throttled address (429, 429, 200)"
expect_eq "$(stub_sends_to reject-1@x.edu)" "1" "a rejection is not retried"
run cs351 mail log --status failed --format json
expect_eq "$(echo "$OUT" | json '[m["recipient"] for m in d]')" "['reject-1@x.edu']"

# Every signed request (SendEmail, GetAccount, ListEmailIdentities), also with a
# session token, recomputed by botocore.
AWS_SESSION_TOKEN=cs351-session-token cs351 mail status >/dev/null 2>&1
grep -q '"X-Amz-Security-Token": "cs351-session-token"' "$STUB_LOG" || fail "session token header not sent"
run /usr/bin/python3 "$CS351_SOURCE_DIR/tests/integration/mail/sigv4_check.py" "$STUB_LOG" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" us-east-1
expect_rc 0 "SigV4 against botocore"
# ...and a wrong secret is caught by the same check.
run /usr/bin/python3 "$CS351_SOURCE_DIR/tests/integration/mail/sigv4_check.py" "$STUB_LOG" "$AWS_ACCESS_KEY_ID" wrong-secret us-east-1
expect_rc 1 "the signature check must fail with another secret"

# mail status: sandbox, quota, verified identities, unverified roster addresses.
run cs351 mail status --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '(d["mode"], d["max_send_rate"], d["identities_supported"])')" "('sandbox', 14.0, True)"
expect_eq "$(echo "$OUT" | json 'd["unverified_recipients"]')" "['ok-1@x.edu', 'reject-1@x.edu', 'throttle-1@x.edu']"
expect_eq "$(echo "$OUT" | json 'd["verified_identities"]')" "['cs351.test', 'verified@x.edu']"

# verify-recipients asks SES (CreateEmailIdentity) for the unverified only; a rerun finds them pending.
run cs351 mail verify-recipients --course CS351 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '{r["email"]: r["status"] for r in d}')" \
  "{'ok-1@x.edu': 'requested', 'reject-1@x.edu': 'requested', 'throttle-1@x.edu': 'requested', 'verified@x.edu': 'verified'}"
run cs351 mail verify-recipients --course CS351 --format json
expect_eq "$(echo "$OUT" | json 'sorted(set(r["status"] for r in d))')" "['pending', 'verified']"

# On a terminal, sending to several addresses asks first; "n" sends nothing.
roster TTY "email
t-1@x.edu
t-2@x.edu"
run sh -c "printf 'n\\n' | script -qfec '$CS351_BIN magic-link send --course TTY' /dev/null"
expect_rc 1 "answered no"
expect_contains "$OUT" "Send 2 login links? [y/N]"
expect_contains "$OUT" "cancelled; nothing changed"
expect_eq "$(stub_sends_to t-1@x.edu)" "0"
run sh -c "printf 'y\\n' | script -qfec '$CS351_BIN magic-link send --course TTY' /dev/null"
expect_rc 0 "answered yes"
expect_eq "$(stub_sends_to t-2@x.edu)" "1"

# An outage: retries run out, the batch stays queued (exit 69), flush finishes it later.
roster OUTAGE "email
down-1@x.edu
later-1@x.edu"
run cs351 magic-link send --course OUTAGE --yes
expect_rc 69 "outage"
expect_contains "$ERR" "2 message(s) stay queued"
expect_eq "$(stub_sends_to later-1@x.edu)" "0"
run cs351 magic-link send --to later-1@x.edu
expect_contains "$OUT" "already queued"
curl -sf -X POST -d '{"mode": "normal"}' "$STUB_URL/control" >/dev/null
run cs351 mail flush
expect_rc 0 "flush"
expect_contains "$ERR" "sent 2, failed 0"
expect_eq "$(stub_sends_to later-1@x.edu)" "1"
run cs351 mail flush
expect_contains "$ERR" "sent 0, failed 0, skipped 0, pending 0"
curl -sf -X POST -d '{"mode": "script"}' "$STUB_URL/control" >/dev/null

# A hang: the timeout fires, each attempt is bounded, exit 69.
roster HANG "email
hang-1@x.edu"
now_s
start=$NOW_S
run env CS351_SES_TIMEOUT=1s CS351_SES_MAX_ATTEMPTS=2 "$CS351_BIN" magic-link send --to hang-1@x.edu
expect_rc 69 "timeout"
expect_contains "$ERR" "Timeout was reached"
now_s
[ $((NOW_S - start)) -lt 10 ] || fail "two 1 s attempts took $((NOW_S - start))s"
cs351 magic-link revoke --to hang-1@x.edu >/dev/null 2>&1
sqlite3 "$CS351_DB" "UPDATE mail_outbox SET status = 'failed' WHERE recipient = 'hang-1@x.edu'"

# The pace: max_send_rate=4 over 9 messages: never more than 4 in any second. The
# stub stamps arrivals, which jitter under load, so windows here are 0.9 s; the unit
# tests check the exact bound on a manual clock.
roster PACE "email
$(for i in 1 2 3 4 5 6 7 8 9; do echo "p$i@x.edu"; done)"
: >"$STUB_LOG"
run env CS351_SES_MAX_SEND_RATE=4 "$CS351_BIN" magic-link send --course PACE --yes
expect_rc 0 "paced send"
python3 - "$STUB_LOG" <<'PY' || fail "rate exceeded"
import bisect, json, sys
t = sorted(e["at"] for e in map(json.loads, open(sys.argv[1])) if e["path"] == "/v2/email/outbound-emails")
assert len(t) == 9, len(t)
worst = max(bisect.bisect_left(t, x + 0.9) - i for i, x in enumerate(t))
assert worst <= 4, f"{worst} sends within 0.9 s: {t}"
assert t[-1] - t[0] >= 1.9, f"9 sends at 4/s took only {t[-1] - t[0]:.2f}s"
PY
echo "ok"
