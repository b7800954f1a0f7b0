#!/usr/bin/env bash
# Gradescope's 2019 submission_metadata.json (a real one: no top-level id, no
# assignment.course_id) through the bridge: with one course linked to Gradescope the
# run is filed under it and `serve` warns; with two the request is refused (65) with
# a message naming the fix, and nothing is queued.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="it-2019-$$-0123456789abcdef0123456789abcdef"
META="$FIXTURES/autograde/metadata/archlab_2019.json"
write_config <<'TOML'
[autograde.assignments.pa1]
title = "Programming Assignment 1"
command = 'echo "{\"score\": 1}" > "$CS351_RESULTS_PATH"'
TOML
cs351 course add CS351 2>/dev/null
cs351 course link CS351 1234 2>/dev/null
start_bridge 1

submit() { run cs351 autograde submit --server "$URL" --metadata "$META" --submission "$T/sub" --deadline 60s; }
runs() { sqlite3 "$XDG_DATA_HOME/cs351/cs351.db" "SELECT c.code || ' ' || r.assignment FROM autograde_runs r JOIN courses c ON c.id = r.course_id"; }
students() { cs351 autograde list --format json | json '[s for r in d for s in r["students"]]'; }

submit
expect_rc 0 "2019 metadata with one linked course"
expect_eq "$(runs)" "CS351 pa1" "the run's course and assignment"
expect_eq "$(students)" "['student@example.com']" "the run's student"
expect_contains "$(cat "$T/serve.err")" "no assignment.course_id (2019 format): filed under CS351"

cs351 course add CS999 2>/dev/null
cs351 course link CS999 5678 2>/dev/null
submit
expect_rc 65 "2019 metadata with two linked courses"
expect_contains "$ERR" "2 courses are linked to Gradescope: CS351, CS999"
expect_contains "$ERR" "re-upload the autograder"
expect_eq "$(runs)" "CS351 pa1" "nothing queued for the refused one"
