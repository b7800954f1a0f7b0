#!/usr/bin/env bash
# Magic links end to end against the aws-ses-v2-local emulator: what arrives,
# links that redeem once, staff onboarding, refusals, the outbox log, status.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mail/servers.sh"
start_emulator

roster CS351 "email,name,role,status
ada@example.edu,Ada Lovelace,student,enrolled
alan@example.edu,Alan Turing,student,enrolled
drop@example.edu,Dee Dropped,student,dropped
tim@example.edu,Tim TA,ta,enrolled"

# --dry-run: the plan with redacted links, nothing sent.
run cs351 magic-link send --course CS351 --dry-run --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[r["email"] for r in d if r["status"] == "would send"]')" "['ada@example.edu', 'alan@example.edu']"
expect_eq "$(echo "$OUT" | json '[r["status"] for r in d if r["email"] == "drop@example.edu"][0]')" "not eligible"
expect_contains "$OUT" "https://cs351.test/login?token=[redacted]"
expect_contains "$ERR" "dry run, nothing written: would have sent 2, skipped 2 (login links valid"
expect_eq "$(emulator_store | json 'len(d["emails"])')" "0" "emails after a dry run"

# More than one recipient without a terminal needs --yes.
run cs351 magic-link send --course CS351
expect_rc 2
expect_contains "$ERR" "--yes"

run cs351 magic-link send --course CS351 --yes --format json
expect_rc 0 "send to the course"
expect_contains "$ERR" "sent 2, failed 0, skipped 2"
emulator_store >"$T/store.json"
expect_eq "$(json 'sorted(m["destination"]["to"][0] for m in d["emails"])' <"$T/store.json")" "['ada@example.edu', 'alan@example.edu']"
expect_eq "$(json 'd["emails"][0]["subject"]' <"$T/store.json")" "Your CS351 login link"
expect_eq "$(json 'd["emails"][0]["from"]' <"$T/store.json")" "CS351 Staff <staff@cs351.test>"
expect_contains "$(json 'd["emails"][0]["body"]["html"]' <"$T/store.json")" '<a href="https://cs351.test/login?token='
expect_contains "$(json 'd["emails"][0]["body"]["text"]' <"$T/store.json")" "ignore this email"
# The MessageIds mail log recorded are the emulator's.
run cs351 mail log --status sent --format json
expect_eq "$(echo "$OUT" | json 'sorted(m["message_id"] for m in d)')" "$(json 'sorted(m["messageId"] for m in d["emails"])' <"$T/store.json")"

# The link redeems once: verify does not consume, redeem does, a second redeem is 77.
ADA=$(token_for ada@example.edu)
run cs351 magic-link verify "$ADA"
expect_rc 0
expect_eq "$(echo "$OUT" | json 'd["email"]')" "ada@example.edu"
run sh -c "printf %s '$ADA' | '$CS351_BIN' magic-link redeem -"
expect_rc 0 "redeem"
expect_eq "$(echo "$OUT" | json '(d["email"], d["name"], d["purpose"], d["roles"])')" \
  "('ada@example.edu', 'Ada Lovelace', 'login', [{'course': 'CS351', 'role': 'student'}])"
expect_refused "$ADA" "already used"
run cs351 magic-link redeem "not-a-token"
expect_rc 65

# A newer link revokes the older; revoke; a dropped student's link stops working.
ALAN1=$(token_for alan@example.edu)
run cs351 magic-link send --to alan@example.edu
expect_rc 0
ALAN2=$(token_for alan@example.edu)
expect_refused "$ALAN1" "revoked"
printf 'email,status\nalan@example.edu,dropped\n' | cs351 roster import - --course CS351 >/dev/null 2>&1
expect_refused "$ALAN2" "not eligible"

# Staff: login refused before onboarding; invite -> onboard link -> login.
run cs351 magic-link send --to tim@example.edu
expect_rc 0
expect_contains "$OUT" "not eligible"
run cs351 staff invite grace@example.edu --course CS351 --role instructor --name "Grace Hopper"
expect_rc 0 "invite"
expect_eq "$(emulator_store | json '[m["subject"] for m in d["emails"] if m["destination"]["to"] == ["grace@example.edu"]]')" \
  "['You are invited to join the CS351 staff']"
GRACE=$(token_for grace@example.edu)
expect_refused "$GRACE" "wrong purpose"
run cs351 magic-link redeem "$GRACE" --purpose onboard
expect_rc 0
expect_eq "$(echo "$OUT" | json 'd["roles"]')" "[{'course': 'CS351', 'role': 'instructor'}]"
run cs351 magic-link send --to grace@example.edu
expect_rc 0
expect_contains "$ERR" "sent 1"
run cs351 magic-link redeem "$(token_for grace@example.edu)"
expect_rc 0 "staff login after onboarding"

# A deactivated course stops its students' links, and sends nothing to them.
run cs351 magic-link send --to ada@example.edu
expect_rc 0
ADA2=$(token_for ada@example.edu)
cs351 course deactivate CS351 2>/dev/null
expect_refused "$ADA2" "not eligible"
run cs351 magic-link send --to ada@example.edu --format json
expect_contains "$OUT" "not eligible"
cs351 course activate CS351 2>/dev/null

# list never shows tokens; states are right.
run cs351 magic-link list --course CS351 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'sorted(set(r["status"] for r in d))')" "['active', 'revoked', 'used']"
run cs351 magic-link revoke --to ada@example.edu
expect_rc 0
expect_contains "$ERR" "revoked 1"
expect_refused "$ADA2" "revoked"

# Every token the emulator delivered is absent from the store and its WAL.
emulator_store | python3 -c '
import json, re, sys
for m in json.load(sys.stdin)["emails"]:
    print(re.search(r"token=([A-Za-z0-9_-]{43})", m["body"]["text"]).group(1))' >"$T/tokens"
expect_eq "$(wc -l <"$T/tokens" | tr -d ' ')" "6" "tokens delivered"
sqlite3 "$CS351_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
for tok in $(cat "$T/tokens"); do
  if grep -rqF --exclude=tokens --exclude=store.json --exclude=out --exclude=err -e "$tok" "$T"; then
    fail "token $tok found in the test directory"
  fi
done

# Events: issue, send, verify, redeem, reject, revoke, staff invite; never a token.
events=$(sqlite3 "$CS351_DB" "SELECT group_concat(DISTINCT action) FROM (SELECT action FROM events WHERE action LIKE 'magic_link.%' OR action LIKE 'mail.%' OR action = 'staff.invite' ORDER BY action)")
expect_eq "$events" "magic_link.issue,magic_link.redeem,magic_link.reject,magic_link.revoke,magic_link.verify,mail.send,staff.invite"

# status: the emulator answers GetAccount but has no identities API.
run cs351 mail status --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '(d["mode"], d["max_send_rate"], d["identities_supported"])')" "('sandbox', 1.0, False)"
expect_contains "$ERR" "no identities API"
run cs351 mail verify-recipients --course CS351
expect_rc 69
echo "ok"
