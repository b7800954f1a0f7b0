#!/usr/bin/env bash
# Long sends you can watch and stop: progress on a terminal (and none when piped),
# Ctrl-C that says what is left and how to resume or drop it, `mail cancel`, and a
# targeted send that never drains someone else's backlog.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mail/servers.sh"
start_stub
PTY="python3 $CS351_SOURCE_DIR/tests/integration/pty/pty_run.py"
csv="email,name,role,status"
for i in $(seq -w 1 12); do csv="$csv
s$i@x.edu,Student $i,student,enrolled"; done
roster CS351 "$csv"
roster CS352 "email,name,role,status
other@x.edu,Other,student,enrolled"
sends() { python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["path"] == "/v2/email/outbound-emails"))' "$STUB_LOG"; }

# On a terminal: done/total, a rate and an ETA, redrawn in place; Ctrl-C stops between messages.
export CS351_SES_MAX_SEND_RATE=4
run $PTY --interrupt-after '\[3/12\]' -- "$CS351_BIN" magic-link send --course CS351 --yes
expect_rc 130 "Ctrl-C during a send"
expect_contains "$OUT" "[0/12] 0%"
expect_contains "$OUT" "/s  ETA "
expect_contains "$OUT" "interrupted: "
expect_contains "$OUT" "message(s) left in the outbox; resume with 'cs351 mail flush --batch b-"
expect_contains "$OUT" "or drop them with 'cs351 mail cancel --batch b-"
expect_not_contains "$OUT" "error:"
batch=$(printf '%s' "$OUT" | grep -o "mail cancel --batch b-[0-9a-f]*" | head -1 | cut -d' ' -f4)
left=$(printf '%s' "$OUT" | grep -o 'interrupted: [0-9]*' | grep -o '[0-9]*$')
sent_before=$(sends)
expect_eq "$((sent_before + left))" "12" "sent plus left"

# A targeted send sends to its own address only, not the interrupted batch.
run cs351 magic-link send --to other@x.edu
expect_rc 0
expect_eq "$(sends)" "$((sent_before + 1))" "messages after a targeted send"
run cs351 mail log --status pending --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "$left" "the backlog is still pending"

# mail cancel: --dry-run lists and keeps; then the batch is dropped and logged as cancelled.
run cs351 mail cancel --batch "$batch" --dry-run --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'sorted({r["status"] for r in d})')" "['would cancel']"
expect_eq "$(echo "$OUT" | json 'len(d)')" "$left"
expect_contains "$ERR" "dry run, nothing written: would have cancelled $left"
run cs351 mail cancel --batch "$batch"
expect_rc 0
expect_contains "$ERR" "cancelled $left"
run cs351 mail log --status cancelled --format json
expect_eq "$(echo "$OUT" | json 'len(d)')" "$left"
run cs351 mail flush
expect_rc 0
expect_eq "$(sends)" "$((sent_before + 1))" "a flush after cancel sends nothing"
run cs351 mail cancel
expect_rc 2
expect_contains "$ERR" "--batch ID, --course CODE or --all"

# Piped: no progress line at all (cron mail stays clean); a plain summary instead.
run cs351 magic-link send --to s01@x.edu --format json
expect_not_contains "$ERR" "ETA"
expect_not_contains "$ERR" $'\r'
