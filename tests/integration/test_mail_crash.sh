#!/usr/bin/env bash
# kill -9 in the middle of a batch: nothing is lost, `mail flush` finishes it, and
# only the message in flight at the kill may reach its address twice.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mail/servers.sh"
start_stub

# Sorted by email, so hang-3 is sent third; the stub never answers it.
roster CRASH "email
a-1@x.edu
a-2@x.edu
hang-3@x.edu
z-4@x.edu
z-5@x.edu"

CS351_SES_TIMEOUT=60s "$CS351_BIN" magic-link send --course CRASH --yes >"$T/first.out" 2>&1 &
SENDER=$!
wait_for grep -q 'hang-3@x.edu' "$STUB_LOG"
kill -9 "$SENDER"
wait "$SENDER" 2>/dev/null || true

run cs351 mail log --format json
expect_eq "$(echo "$OUT" | json '[m["status"] for m in d]')" "['sent', 'sent', 'sending', 'pending', 'pending']"

# A second delivery while one runs would exit 75; after the kill the lock is free.
curl -sf -X POST -d '{"mode": "normal"}' "$STUB_URL/control" >/dev/null
run cs351 mail flush
expect_rc 0 "flush after the kill"
expect_contains "$ERR" "sent 3, failed 0"
for a in a-1 a-2 z-4 z-5; do
  expect_eq "$(stub_sends_to $a@x.edu)" "1" "sends to $a"
done
expect_eq "$(stub_sends_to hang-3@x.edu)" "2" "the message in flight is the only one sent again"
run cs351 mail log --format json
expect_eq "$(echo "$OUT" | json 'sorted(set(m["status"] for m in d))')" "['sent']"
# The first, never-delivered link of hang-3 was revoked by the one flush sent.
expect_eq "$(sqlite3 "$CS351_DB" "SELECT group_concat(revoked_at IS NOT NULL) FROM magic_links m JOIN people p ON p.id = m.person_id WHERE p.email = 'hang-3@x.edu' ORDER BY m.id")" "1,0"

# Two deliveries never overlap: while a sender hangs on a message, flush exits 75.
curl -sf -X POST -d '{"mode": "script"}' "$STUB_URL/control" >/dev/null
roster LOCK "email
hang-9@x.edu"
CS351_SES_TIMEOUT=60s "$CS351_BIN" magic-link send --to hang-9@x.edu >/dev/null 2>&1 &
SENDER=$!
wait_for grep -q 'hang-9@x.edu' "$STUB_LOG"
run cs351 mail flush
expect_rc 75 "flush while another delivery runs"
expect_contains "$ERR" "another cs351 is sending the outbox"
kill -9 "$SENDER"
wait "$SENDER" 2>/dev/null || true
echo "ok"
