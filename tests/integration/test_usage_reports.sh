#!/usr/bin/env bash
# usage stats / students / daily on real transcripts: the claude-track
# sections, per-student rows with class quartiles, filters and bad flags.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/usage/lib.sh"
usage_class ada alan bob
cs351 usage import "$U/claude/sniffly-ai-music/projects" --course CS351 --student ada@example.edu 2>/dev/null
cs351 usage import "$U/claude/spotter/projects" --course CS351 --student alan@example.edu 2>/dev/null

run cs351 usage stats --student ada@example.edu --format json
expect_rc 0 "stats json"
expect_eq "$(echo "$OUT" | json '[d["tokens"][k] for k in ("api_calls","input","output","cache_creation","cache_read")]')" \
  "[90, 293, 19313, 206624, 4302385]" "ada's tokens"
expect_eq "$(echo "$OUT" | json 'round(d["tokens"]["cache_hit_rate"], 6)')" \
  "$(python3 -c 'print(round(4302385 / (293 + 206624 + 4302385), 6))')" "cache hit rate = read / (input + creation + read)"
expect_eq "$(echo "$OUT" | json 'd["sessions"]["total"]')" 3 "sessions (a summary-only file is none)"
expect_eq "$(echo "$OUT" | json 'd["projects"]')" "[{'calls': 90, 'project': '~/dev/ai-music', 'worktree': False}]" "project from cwd, home shortened"
expect_eq "$(echo "$OUT" | json '[a["count"] for a in d["activity"]]')" "[86, 4]" "calls by date"

run cs351 usage stats --course CS351
expect_rc 0 "stats text"
for section in "--- Sessions ---" "--- Models ---" "--- Token Usage ---" "--- Prompts ---" "--- Plans ---" \
  "--- Tool Usage ---" "--- Top 10 Files Read ---" "--- Top 10 Bash Commands ---" "--- Activity by Date ---" "--- By Project ---"; do
  expect_contains "$OUT" "$section"
done
expect_contains "$OUT" "API calls: 246"
expect_contains "$OUT" "Input tokens: 491"
expect_contains "$OUT" "█"

# --since/--until select days.
run cs351 usage stats --course CS351 --since 2025-06-10 --until 2025-06-10 --format json
expect_eq "$(echo "$OUT" | json 'd["tokens"]["api_calls"]')" 4 "calls on 2025-06-10"

run cs351 usage stats --course CS351 --format csv
expect_contains "$OUT" "tokens,api_calls,246"
expect_contains "$OUT" "activity,2025-06-08,86"

# students: every enrolled student, sorted, with class quartiles at the end.
run cs351 usage students --course CS351 --sort cost --format json
expect_rc 0 "students"
expect_eq "$(echo "$OUT" | json '[r["student"] for r in d]')" \
  "['alan@example.edu', 'ada@example.edu', 'bob@example.edu', '(class q1)', '(class median)', '(class q3)']"
expect_eq "$(echo "$OUT" | json 'd[4]["api_calls"]')" 90.0 "median API calls"
expect_eq "$(echo "$OUT" | json 'd[2]["api_calls"]')" 0 "a student without transcripts"
run cs351 usage students --course CS351 --sort wizardry
expect_rc 2 "unknown sort column"
run cs351 usage daily --course CS351 --student nobody@example.edu
expect_rc 65 "student not on the roster"

# report clusters --with-usage: the agent columns join the behaviour features.
cs351 assignments add hw1 --course CS351 --release 2025-06-01T00:00 --due 2025-06-09T23:59 --max-points 10 >/dev/null 2>&1
printf 'email,submitted_at,score\nada@example.edu,2025-06-08T12:00:00Z,5\nada@example.edu,2025-06-08T13:00:00Z,10\nalan@example.edu,2025-06-09T10:00:00Z,4\nbob@example.edu,2025-06-09T11:00:00Z,9\nbob@example.edu,2025-06-09T12:00:00Z,10\n' >"$T/hw1.csv"
cs351 submissions import "$T/hw1.csv" --course CS351 --assignment hw1 >/dev/null 2>&1
run cs351 report clusters --course CS351 --assignment hw1 --k 2 --with-usage --format json
expect_rc 0 "clusters with usage"
expect_contains "$OUT" "agent_tool_calls_per_attempt"
# ada's 2025-06-08 activity is inside the window; alan's (2026) is not.
expect_eq "$(echo "$OUT" | json '[s["features"]["agent_sessions"] for s in d["students"] if s["email"] == "ada@example.edu"]')" "[2]" "ada's sessions in the window"
expect_eq "$(echo "$OUT" | json '[s["features"]["agent_tool_calls_per_attempt"] for s in d["students"] if s["email"] == "alan@example.edu"]')" "[0]" "alan has no agent use in the window"

# Days are the course's local days (UTC+14 here), or UTC days with --utc.
cs351 course add KIRI --name Far --timezone Pacific/Kiritimati >/dev/null 2>&1
printf 'email,name,role,status\nada@example.edu,Ada,student,enrolled\n' >"$T/kiri.csv"
cs351 roster import "$T/kiri.csv" --course KIRI >/dev/null 2>&1
cs351 usage import "$U/claude/sniffly-ai-music/projects" --course KIRI --student ada@example.edu 2>/dev/null
expect_eq "$(cs351 usage daily --course KIRI --format json | json '[(r["date"], r["api_calls"]) for r in d]')" \
  "[('2025-06-09', 86), ('2025-06-11', 4)]" "course-local days"
expect_eq "$(cs351 usage daily --course KIRI --utc --format json | json '[(r["date"], r["api_calls"]) for r in d]')" \
  "[('2025-06-08', 86), ('2025-06-10', 4)]" "UTC days"

# --anonymize: the same pseudonyms as report clusters --anonymize, no emails.
run cs351 usage daily --course CS351 --anonymize --format json
expect_rc 0 "anonymized daily"
expect_not_contains "$OUT" "@example.edu"
pseudo="$(echo "$OUT" | json 'sorted({r["student"] for r in d})')"
run cs351 report features --course CS351 --assignment hw1 --anonymize --format json
expect_contains "$OUT" "$(echo "$pseudo" | python3 -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())[0])')"
run cs351 usage students --course CS351 --anonymize --format csv
expect_not_contains "$OUT" "@example.edu"
