#!/usr/bin/env bash
# The output layer every command prints through: --format table|csv|json everywhere,
# --columns/--limit/--no-headers on listings, null for empty values in JSON, tables
# that fit the terminal and align wide characters (on a pseudo-terminal), config show
# with every key and working env twins, reasons instead of verdicts.
source "$(dirname "$0")/lib.sh"
PTY="python3 $CS351_SOURCE_DIR/tests/integration/pty/pty_run.py"
cs351 course add CS351 --name "Cloud Computing" >/dev/null 2>&1
printf 'Email,Name,SID\nada@example.edu,Ada Lovelace,1\nalan@example.edu,Alan Turing,2\nli@example.edu,李小龍 Bruce Lee,3\n' \
  | cs351 roster import - --course CS351 >/dev/null 2>&1

# --columns picks and orders; --no-headers drops the header; --limit caps the rows.
run cs351 roster list --course CS351 --format csv --columns email,sid --no-headers --limit 2
expect_rc 0
expect_eq "$OUT" "$(printf 'li@example.edu,3\r\nada@example.edu,1\r')"
run cs351 roster list --course CS351 --format json --columns email
expect_eq "$(echo "$OUT" | json 'd')" "[{'email': 'li@example.edu'}, {'email': 'ada@example.edu'}, {'email': 'alan@example.edu'}]"
# An unknown column is a usage error that lists the valid ones.
run cs351 roster list --course CS351 --columns email,nope
expect_rc 2
expect_contains "$ERR" "--columns: unknown column 'nope'"
expect_contains "$ERR" " (valid: "
expect_contains "$ERR" "email"

# Every command that prints data takes csv; objects print JSON when piped, not key: value.
run cs351 autograde status --format csv
expect_rc 0
expect_contains "$OUT" "cancelled,failed,queued,refusals_last_hour,running,succeeded"
run cs351 autograde status
expect_eq "$(echo "$OUT" | json 'd["queued"]')" "0" "autograde status piped is JSON"
run cs351 config show --format csv --columns key,origin
expect_contains "$OUT" "store.path,default"


# config show: every key, set or not, with its env twin; family env twins work.
cat >"$T/config.toml" <<'TOML'
[autograde.assignments.hw1]
command = "true"
TOML
export CS351_AUTOGRADE_ASSIGNMENTS_HW1_TIMEOUT=5m
run cs351 --config "$T/config.toml" config show --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[(r["value"], r["origin"]) for r in d if r["key"] == "autograde.assignments.hw1.timeout"]')" "[('5m', 'env')]"
expect_eq "$(echo "$OUT" | json '[(r["value"], r["origin"], r["env"]) for r in d if r["key"] == "ses.from"]')" "[(None, 'unset', 'CS351_SES_FROM')]"
expect_eq "$(echo "$OUT" | json '[r["origin"] for r in d if r["key"] == "autograde.assignments.hw1.memory"]')" "['unset']"
unset CS351_AUTOGRADE_ASSIGNMENTS_HW1_TIMEOUT

# UTF-16 input (Excel's "Unicode Text") gets an iconv hint, not "binary data".
printf 'Email\nx@example.edu\n' | iconv -f UTF-8 -t UTF-16 >"$T/utf16.csv"
run cs351 roster import "$T/utf16.csv" --course CS351
expect_rc 65
expect_contains "$ERR" "is UTF-16, not UTF-8; convert it first: iconv -f UTF-16 -t UTF-8"

# A dry run names every setting a send would miss, at once, and fails as the send would.
run env -u CS351_SES_FROM -u CS351_MAGIC_LINK_BASE_URL "$CS351_BIN" magic-link send --to ada@example.edu --dry-run
expect_rc 78
expect_contains "$ERR" "these settings are not set: magic_link.base_url (env CS351_MAGIC_LINK_BASE_URL), ses.from (env CS351_SES_FROM)"
# "not eligible" says why, and which purpose would work.
export CS351_SES_FROM="Staff <staff@cs351.test>" CS351_MAGIC_LINK_BASE_URL="https://cs351.test/login?token="
run cs351 magic-link send --to nobody@example.edu --purpose onboard --to ada@example.edu --dry-run --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[r["reason"] for r in d]')" "['not on any course roster', 'students need no onboarding; a login link would work (--purpose login)']"
# JSON has one spelling of empty: null, never "" (no link for those not sent one).
expect_eq "$(echo "$OUT" | json '[r["link"] for r in d]')" "[None, None]" "empty values in JSON"

# On a terminal: a table too wide cuts the columns that do not identify the row with …,
# never the email or the name (test_cli_tables.sh checks the rules at 80 and 120 columns).
run $PTY --cols 50 -- "$CS351_BIN" roster list --course CS351 --columns email,name,sid,first_name,last_name
expect_rc 0
expect_contains "$OUT" "李小龍 Bruce Lee"
expect_contains "$OUT" "alan@example.edu"
expect_contains "$OUT" "…"
# A wide (CJK) name takes two cells per character so the next column still lines up.
run $PTY --cols 200 -- "$CS351_BIN" roster list --course CS351 --columns name,sid
ada_col=$(printf '%s\n' "$OUT" | tr -d '\r' | python3 -c 'import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(sorted({w(l[:l.rstrip().rfind(" ") + 1]) for l in sys.stdin.read().splitlines()[1:] if l.strip()}))')
expect_eq "$ada_col" "[18]" "display column where sid starts in every row"

# "n" at a prompt is the user's choice, not an error: exit 1 and "cancelled".
run $PTY --answer '[y/N]=n' -- "$CS351_BIN" roster remove --course CS351 ada@example.edu
expect_rc 1
expect_contains "$OUT" "cs351: cancelled; nothing changed"
expect_not_contains "$OUT" "error:"

# -q: only errors on stderr (warnings too are silenced); without it the warning shows.
printf '[bogus]\nkey = 1\n' >"$T/bogus.toml"
run cs351 --config "$T/bogus.toml" config show --format csv
expect_contains "$ERR" "unknown setting 'bogus.key'"
run cs351 -q --config "$T/bogus.toml" config show --format csv
expect_rc 0
expect_eq "$ERR" "" "stderr with -q"

# A long import shows progress on a terminal (usage import: transcripts done/total), none piped.
mkdir -p "$T/handin/ada@example.edu"
cp -r "$FIXTURES/usage/claude/spotter/projects" "$T/handin/ada@example.edu/"
run $PTY -- "$CS351_BIN" usage import "$T/handin" --course CS351
expect_rc 0 "usage import on a terminal"
expect_contains "$OUT" $'\r\033[K['
expect_contains "$OUT" "transcripts"
run cs351 usage import "$T/handin" --course CS351
expect_not_contains "$ERR" "transcripts" "piped stderr"
