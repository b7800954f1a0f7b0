#!/usr/bin/env bash
# Bad input and missing settings: clear messages, documented exit codes, nothing
# queued or sent. Unicode names survive into the email.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mail/servers.sh"
start_stub

roster CS351 "email,name
zoe@x.edu,Zoë Ñúñez 山田
ok@x.edu,Plain"

outbox_rows() { sqlite3 "$CS351_DB" "SELECT count(*) FROM mail_outbox"; }

# Usage errors (2): no recipients, both selectors, role without course, bad TTL, bad address.
for args in "" "--to a@x.edu --course CS351" "--to a@x.edu --role ta" "--to ok@x.edu --ttl 0s" \
  "--to ok@x.edu --ttl soon" "--to not-an-address" "--to a@x.edu,b@x.edu" "--purpose admin --to ok@x.edu"; do
  # shellcheck disable=SC2086
  run cs351 magic-link send $args
  expect_rc 2 "send $args"
done
run cs351 magic-link send --to "$(printf 'a@x.edu\r\nBcc: evil@x.edu')"
expect_rc 2 "header injection in an address"
run cs351 staff invite new@x.edu --course CS351 --role student
expect_rc 2 "students are not staff"
run cs351 magic-link send --course NOPE
expect_rc 65 "unknown course"
expect_contains "$ERR" "NOPE"

# Missing settings (78), named with their env twin; nothing queued.
run env -u CS351_SES_FROM "$CS351_BIN" magic-link send --to ok@x.edu
expect_rc 78 "no sender"
expect_contains "$ERR" "CS351_SES_FROM"
run env -u CS351_MAGIC_LINK_BASE_URL "$CS351_BIN" magic-link send --to ok@x.edu
expect_rc 78 "no base url"
expect_contains "$ERR" "magic_link.base_url"
run env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$CS351_BIN" magic-link send --to ok@x.edu
expect_rc 78 "no credentials"
expect_contains "$ERR" "AWS_ACCESS_KEY_ID"
run env CS351_SES_MAX_SEND_RATE=fast "$CS351_BIN" magic-link send --to ok@x.edu
expect_rc 78 "bad rate"
mkdir -p "$T/templates"
printf 'Hi {{nmae}}\n' >"$T/templates/login.subject"
run env CS351_MAGIC_LINK_TEMPLATES="$T/templates" "$CS351_BIN" magic-link send --to ok@x.edu
expect_rc 78 "bad template"
expect_contains "$ERR" "login.*: unknown placeholder {{nmae}}"
expect_eq "$(outbox_rows)" "0" "outbox rows after refused sends"
expect_eq "$(stub_sends_to ok@x.edu)" "0"

# A template override and a Unicode name reach the email intact (HTML-escaped in HTML).
printf 'Sign in, {{name}}\n' >"$T/templates/login.subject"
printf '<p>{{name}} &amp; <a href="{{link}}">go</a></p>' >"$T/templates/login.html"
run env CS351_MAGIC_LINK_TEMPLATES="$T/templates" "$CS351_BIN" magic-link send --to ZOE@x.edu
expect_rc 0 "send with a template"
python3 - "$STUB_LOG" <<'PY' || fail "unicode or template lost"
import json, sys
sends = [json.loads(json.loads(l)["body"]) for l in open(sys.argv[1]) if '"/v2/email/outbound-emails"' in l]
simple = sends[-1]["Content"]["Simple"]
assert sends[-1]["Destination"]["ToAddresses"] == ["zoe@x.edu"], sends[-1]["Destination"]
assert simple["Subject"]["Data"] == "Sign in, Zoë Ñúñez 山田", simple["Subject"]
assert simple["Body"]["Html"]["Data"].startswith("<p>Zoë Ñúñez 山田 &amp; <a href=\"https://cs351.test/login?token="), simple["Body"]["Html"]
assert "Hello Zoë Ñúñez 山田" in simple["Body"]["Text"]["Data"]
PY

# Tokens: malformed is 65; unknown is 77; huge input on stdin is 65, not a crash.
run cs351 magic-link verify "$(printf 'A%.0s' $(seq 43))"
expect_rc 77 "unknown token"
head -c 1000000 /dev/zero | tr '\0' 'A' >"$T/huge"
run sh -c "'$CS351_BIN' magic-link redeem - <'$T/huge'"
expect_rc 65 "huge token"
# '-' reads one bounded line, not the whole pipe: 50 MB of token lines is the first line's
# token (unknown: 77), 50 MB without a newline is refused at the bound (65).
run sh -c "yes '$(printf 'A%.0s' $(seq 43))' | head -c 50000000 | '$CS351_BIN' magic-link verify -"
expect_rc 77 "a token line followed by more lines"
run sh -c "head -c 50000000 /dev/zero | tr '\\0' A | '$CS351_BIN' magic-link verify -"
expect_rc 65 "a 50 MB line"
expect_contains "$ERR" "longer than 4096 bytes"
run cs351 magic-link redeem "$(printf 'é%.0s' $(seq 22))"
expect_rc 65 "non-ASCII token"
run cs351 magic-link list --status bogus
expect_rc 2
run cs351 mail log --since yesterday-ish
expect_rc 2
expect_contains "$ERR" "--since"
run cs351 mail log --since 1h --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[m["recipient"] for m in d]')" "['zoe@x.edu']"
run cs351 mail log --since 2099-01-01 --format json
expect_eq "$OUT" "[]"
echo "ok"
