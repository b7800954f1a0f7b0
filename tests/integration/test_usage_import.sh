#!/usr/bin/env bash
# usage import: idempotent, resumes grown files, refuses students not on the
# roster (nothing written), skips and counts malformed lines, finds students
# from folder names.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/usage/lib.sh"
usage_class ada alan
totals() { cs351 usage daily --course CS351 --format json | json "[sum(r[k] for r in d) for k in ('api_calls','input_tokens','output_tokens','cache_creation_tokens','cache_read_tokens')]"; }

# A hand-in folder: one sub-folder per student, named by email.
mkdir -p "$T/handin/ada@example.edu" "$T/handin/alan@example.edu"
cp -r "$U/claude/sniffly-ai-music/projects" "$T/handin/ada@example.edu/"
cp -r "$U/claude/spotter/projects" "$T/handin/alan@example.edu/"
run cs351 usage import "$T/handin" --course CS351
expect_rc 0 "hand-in folder"
expect_contains "$ERR" "files: read 7, unchanged 0"
expect_contains "$ERR" "duplicates dropped"
FIRST="$(totals)"
expect_eq "$(cs351 usage daily --course CS351 --student ada@example.edu --format json | json 'sum(r["api_calls"] for r in d)')" 90 "ada's calls"

# Again: nothing new.
run cs351 usage import "$T/handin" --course CS351
expect_rc 0
expect_contains "$ERR" "files: read 0, unchanged 7"
expect_contains "$ERR" "inserted 0,"
expect_eq "$(totals)" "$FIRST" "totals after a re-import"

# A file that grew: import half, then the whole; totals equal one full import.
big="$(ls "$T"/handin/ada@example.edu/projects/*/d3ad4cdc-*.jsonl)"
cp "$big" "$T/full.jsonl"
head -n 300 "$T/full.jsonl" >"$big"
cs351 usage import "$T/handin" --course CS351 >/dev/null 2>&1 || true
rm -f "$T/store-reset"
cp "$T/full.jsonl" "$big"
run cs351 usage import "$T/handin" --course CS351
expect_rc 0 "grown file"
expect_contains "$ERR" "files: read 1,"
expect_eq "$(totals)" "$FIRST" "totals after the file grew back"

# A student not on the roster: exit 65, named, nothing imported.
mkdir -p "$T/stranger/eve@example.edu"
cp "$U/claude/ccusage/projects/project-alpha/session-alpha/chat.jsonl" "$T/stranger/eve@example.edu/"
cp -r "$T/handin/ada@example.edu" "$T/stranger/"
run cs351 usage import "$T/stranger" --course CS351
expect_rc 65 "unknown student"
expect_contains "$ERR" "eve@example.edu"
expect_eq "$(totals)" "$FIRST" "totals after a refused import"

# Without --student and without email-named folders: a usage error.
run cs351 usage import "$U/claude/ccusage/projects" --course CS351
expect_rc 2 "no student"

# Malformed, cut-off and unknown lines are skipped and counted, never fatal.
mkdir -p "$T/bad"
{ head -n 5 "$U/claude/ccusage/projects/project-alpha/session-alpha/chat.jsonl"
  echo '{"type":"assistant","message":{"id":"cut'
  echo 'not json at all'
  echo '{"type":"brand-new-line-type","sessionId":"s"}'
  printf '\xff\xfe binary\n'
} >"$T/bad/s.jsonl"
run cs351 usage import "$T/bad" --course CS351 --student alan@example.edu
expect_rc 0 "malformed lines"
expect_contains "$ERR" "3 malformed"
expect_contains "$ERR" "1 unknown type"
