#!/usr/bin/env bash
# Tables on a terminal keep what identifies a row: at 80 and 120 columns (a pseudo-
# terminal), with the roster, Gradescope and usage fixtures, the key columns and times
# stay whole, low-value columns are dropped first and the notice names them; --wide
# shows every column, --columns exactly the chosen ones, and piped output is unchanged.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
source "$(dirname "$0")/usage/lib.sh"
PTY="python3 $CS351_SOURCE_DIR/tests/integration/pty/pty_run.py"
CHECK="python3 $CS351_SOURCE_DIR/tests/integration/pty/table_check.py"

start_fake_gradescope
gs_login 2>/dev/null
setup_linked_course
cs351 gradescope sync >/dev/null 2>&1
cs351 roster import "$FIXTURES/rosters/gradescope_roster.csv" --course CS351-S26 >/dev/null 2>&1
usage_class ada alan bob
cs351 usage import "$U/claude/sniffly-ai-music/projects" --course CS351 --student ada@example.edu 2>/dev/null
cs351 usage import "$U/claude/spotter/projects" --course CS351 --student alan@example.edu 2>/dev/null

# on_terminal COLS ARGS...: the listing on a COLS-wide pseudo-terminal, checked against its
# JSON (see table_check.py for what is checked); $SHOWN is the header it printed.
on_terminal() {
  local cols=$1
  shift
  run cs351 "$@" --utc --format json
  expect_rc 0 "$* --format json"
  printf '%s' "$OUT" >"$T/rows.json"
  run $PTY --cols "$cols" -- "$CS351_BIN" "$@" --utc
  expect_rc 0 "$* on a $cols-column terminal"
  printf '%s' "$OUT" >"$T/screen"
  run $CHECK "$T/screen" "$T/rows.json" --all "$ALL" --whole "$WHOLE" ${WIDTH:+--width "$WIDTH"}
  [ "$RC" -eq 0 ] || fail "$* at $cols columns: $ERR"
  SHOWN=$OUT
  SCREEN=$(cat "$T/screen")
}

# roster list: the issue's first table. Email, name and SID whole in every row; the name's
# parts and Gradescope's id go before anything is cut. (The fixture's longest name is 33
# cells: keys alone are wider than 80 columns, so those lines wrap rather than cut a name.)
ALL=email,name,first_name,last_name,sid,role,sections,status,gradescope_user_id WHOLE=email,name,sid WIDTH=
on_terminal 80 roster list --course CS351-S26
expect_not_contains "$SCREEN" "student…"
expect_not_contains " $SHOWN " " first_name " "the 80-column header"
expect_contains "$SCREEN" "not shown to fit 80 columns: first_name" "the notice"
WIDTH=120 on_terminal 120 roster list --course CS351-S26
expect_contains " $SHOWN " " role " "the 120-column header"

# scores list: email and submission time whole; max_points is the first to go.
ALL=assignment,email,score,max_points,status,submission_id,submitted_at,lateness_s WHOLE=email,submitted_at WIDTH=
on_terminal 80 scores list --course CS351-S26
expect_not_contains " $SHOWN " " max_points " "the 80-column header"
expect_contains "$SCREEN" "ada@example.edu"
on_terminal 120 scores list --course CS351-S26

# usage students: the student whole, cache token counts dropped first, big numbers grouped.
ALL=student,sessions,active_hours,api_calls,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens,cache_hit_rate,cost_usd,prompts,plans,tool_calls,top_tool
WHOLE=student WIDTH=80
on_terminal 80 usage students --course CS351
expect_not_contains " $SHOWN " " cache_creation_tokens " "the 80-column header"
expect_contains "$SCREEN" "19,313" "ada's output tokens"
WIDTH=120 on_terminal 120 usage students --course CS351

# assignments list: the title and id whole, the due date whole.
ALL=source,gradescope_id,title,total_points,release_at,due_at,late_due_at,published WHOLE=gradescope_id,title,due_at WIDTH=80
on_terminal 80 assignments list --course CS351-S26
WIDTH=120 on_terminal 120 assignments list --course CS351-S26

# gradescope members: email, name and SID whole; Gradescope's two ids go first.
ALL=email,name,sid,role,sections,gradescope_user_id,membership_id WHOLE=email,name,sid WIDTH=80
on_terminal 80 gradescope members --course CS351-S26
WIDTH=120 on_terminal 120 gradescope members --course CS351-S26

# usage daily: the date, student and model whole (a model name is 26 cells: one too many
# for 80 columns, so those lines wrap rather than show "claude-…").
ALL=date,student,agent,model,api_calls,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens,cost_usd
WHOLE=date,student,model WIDTH=
on_terminal 80 usage daily --course CS351
expect_not_contains "$SCREEN" "claude-…"
WIDTH=120 on_terminal 120 usage daily --course CS351

# --wide: every column, nothing cut, no notice (the line may wrap: that is what was asked).
ALL=email,name,first_name,last_name,sid,role,sections,status,gradescope_user_id WHOLE=email,name,sid,first_name,last_name WIDTH=
on_terminal 80 roster list --course CS351-S26 --wide
expect_eq "$SHOWN" "email name first_name last_name sid role sections status gradescope_user_id" "--wide header"
expect_not_contains "$SCREEN" "…"
expect_not_contains "$SCREEN" "not shown"

# --columns: exactly these, in this order, none dropped.
run $PTY --cols 80 -- "$CS351_BIN" roster list --course CS351-S26 --columns sid,gradescope_user_id,email
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r' | tr -s ' ')" "sid gradescope_user_id email" "--columns header"
expect_not_contains "$OUT" "not shown"
# A misspelt column: exit 2, the nearest name and the valid ones.
run cs351 roster list --course CS351-S26 --columns emial
expect_rc 2
expect_contains "$ERR" "--columns: unknown column 'emial'; did you mean email? (valid: "
expect_contains "$ERR" "gradescope_user_id"

# Piped: CSV as before (numbers bare, every column) and no notice; a piped table is not cut.
run cs351 usage students --course CS351
expect_rc 0
expect_eq "$ERR" "" "stderr when piped"
expect_eq "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')" "student,sessions,active_hours,api_calls,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens,cache_hit_rate,cost_usd,prompts,plans,tool_calls,top_tool" "piped CSV header"
expect_contains "$OUT" ",19313,"
expect_not_contains "$OUT" "19,313"
run cs351 roster list --course CS351-S26 --format table
expect_eq "$ERR" "" "stderr of a piped table"
expect_eq "$(printf '%s\n' "$OUT" | head -1 | tr -s ' ')" "email name first_name last_name sid role sections status gradescope_user_id" "piped table header"
expect_not_contains "$OUT" "…"
