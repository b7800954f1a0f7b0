#!/usr/bin/env bash
# Agent usage checked against an independent implementation: ccusage 20.0.24
# (installed by .ci/install-deps) reads the same real transcripts; per day and
# model every token kind must match exactly and the cost to 1e-9.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/usage/lib.sh"
CCUSAGE="${CS351_CCUSAGE:-/opt/cs351-test-tools/node_modules/.bin/ccusage}"
[ -x "$CCUSAGE" ] || fail "ccusage not found at $CCUSAGE (run .ci/install-deps)"
expect_eq "$("$CCUSAGE" --version)" "ccusage 20.0.24" "ccusage version"
COMPARE="$(dirname "$0")/usage/compare_ccusage.py"

usage_class ada alan grace edge codex

import_as() {  # import_as EMAIL PATH
  run cs351 usage import "$2" --course CS351 --student "$1"
  expect_rc 0 "import $2 as $1"
}
import_as ada@example.edu "$U/claude/sniffly-ai-music/projects"
import_as alan@example.edu "$U/claude/spotter/projects"
import_as grace@example.edu "$U/claude/ccusage/projects"
import_as edge@example.edu "$U/claude/claude-code-log/projects"
import_as codex@example.edu "$U/codex/localpush/sessions"
import_as codex@example.edu "$U/codex/ccusage/sessions"

run cs351 usage daily --course CS351 --format json
expect_rc 0 "daily"
echo "$OUT" >"$T/ours.json"

compare() {  # compare STUDENT AGENT FIXTURE [IGNORED_MODEL...]
  if [ "$2" = claude ]; then
    CLAUDE_CONFIG_DIR="$U/claude/$3" "$CCUSAGE" claude daily --offline --json -z UTC >"$T/ref.json"
  else
    CODEX_HOME="$U/codex/$3" "$CCUSAGE" codex daily --offline --json -z UTC >"$T/ref.json"
  fi
  python3 "$COMPARE" "$T/ours.json" "$T/ref.json" "$1" "$2" "${@:4}" || fail "cs351 and ccusage differ on $3"
}
compare ada@example.edu claude sniffly-ai-music
compare alan@example.edu claude spotter
compare grace@example.edu claude ccusage
# claude-code-log's lines written with spaces ("usage": {...}) are skipped by
# ccusage's byte-level pre-filter; cs351 reads them. The rest must agree, and
# the spaced lines add exactly their own tokens.
compare edge@example.edu claude claude-code-log claude-3-sonnet-20240229
expect_eq "$(echo "$OUT" | json "[[r[k] for k in ('api_calls','input_tokens','output_tokens')] for r in d if r['model'] == 'claude-3-sonnet-20240229']")" \
  "[[9, 558, 830]]" "spaced-JSON calls ccusage skips"

# Codex: both fixture trees belong to one student here, so compare against
# ccusage over both at once.
mkdir -p "$T/codex-home/sessions"
cp -r "$U/codex/localpush/sessions/." "$U/codex/ccusage/sessions/." "$T/codex-home/sessions/"
CODEX_HOME="$T/codex-home" "$CCUSAGE" codex daily --offline --json -z UTC >"$T/ref.json"
python3 "$COMPARE" "$T/ours.json" "$T/ref.json" codex@example.edu codex || fail "codex totals differ"

# The figures the issue quotes for sniffly's ai-music project (Claude Code 1.0.17).
sniffly() { echo "$OUT" | json "sum(r['$1'] for r in d if r['student'] == 'ada@example.edu')"; }
expect_eq "$(sniffly api_calls)" 90 "sniffly API calls after de-duplication"
expect_eq "$(sniffly input_tokens)" 293 "sniffly input"
expect_eq "$(sniffly output_tokens)" 19313 "sniffly output"
expect_eq "$(sniffly cache_creation_tokens)" 206624 "sniffly cache creation"
expect_eq "$(sniffly cache_read_tokens)" 4302385 "sniffly cache read"
expect_eq "$(echo "$OUT" | json "round(sum(r['cost_usd'] for r in d if r['student'] == 'ada@example.edu'), 9)")" 2.3561295 "sniffly cost"
expect_eq "$(echo "$OUT" | json "[(r['date'], round(r['cost_usd'], 9)) for r in d if r['student'] == 'ada@example.edu']")" \
  "[('2025-06-08', 2.2783323), ('2025-06-10', 0.0777972)]" "sniffly cost per day"

# Sessions: ccusage's session view, sub-agents counted in their parent session.
run cs351 usage sessions --course CS351 --format json
expect_rc 0 "sessions"
echo "$OUT" >"$T/sessions.json"
for pair in ada@example.edu:sniffly-ai-music alan@example.edu:spotter; do
  CLAUDE_CONFIG_DIR="$U/claude/${pair#*:}" "$CCUSAGE" claude session --offline --json -z UTC >"$T/ref.json"
  python3 "$(dirname "$0")/usage/compare_sessions.py" "$T/sessions.json" "$T/ref.json" "${pair%%:*}" ||
    fail "sessions differ for ${pair#*:}"
done
