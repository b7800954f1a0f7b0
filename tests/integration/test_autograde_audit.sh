# audit scores: Gradescope's synced scores (from the fake Gradescope) against
# the local runs; a planted discrepancy is found with both values and times,
# and disappears once a run agrees.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
start_fake_gradescope
gs_login 2>/dev/null
setup_linked_course
run cs351 gradescope sync
expect_rc 0 "sync"
write_config <<'TOML'
[autograde.assignments.hw1]
title = "HW1: MapReduce"
command = "echo \"{\\\"score\\\": $(cat \"$CS351_SUBMISSION_DIR/score\")}\" > \"$CS351_RESULTS_PATH\""
dedupe_window = "0s"
TOML
submission() { mkdir -p "$T/$1"; echo "$2" > "$T/$1/score"; echo "$T/$1"; }
enqueue() {  # enqueue EMAIL SCORE GRADESCOPE_SUBMISSION
  cs351 autograde enqueue --course CS351-S26 --assignment hw1 --student "$1" \
    --submission "$(submission "$1-$2" "$2")" --gradescope-submission "$3" >/dev/null
}
# Gradescope shows Ada 95.5 (submission 31001) and no score for Zoë (31002).
enqueue ada@example.edu 80 31001
enqueue zoe@example.edu 50 31002
run cs351 autograde worker --once
expect_rc 0 "worker"

run cs351 audit scores --course CS351-S26 --format json
expect_rc 0 "audit"
expect_contains "$ERR" "CS351-S26: compared 2, discrepancies 2"
ada='[r for r in d if r["email"] == "ada@example.edu"][0]'
expect_eq "$(echo "$OUT" | json "$ada[\"problem\"]")" "scores differ"
expect_eq "$(echo "$OUT" | json "$ada[\"gradescope_score\"], $ada[\"local_score\"]")" "95.5 80.0" "both scores"
expect_eq "$(echo "$OUT" | json "$ada[\"gradescope_submitted_at\"]")" "2026-02-03T15:15:00Z" "Gradescope time"
expect_contains "$(echo "$OUT" | json "$ada[\"local_finished_at\"]")" "T" "local time"
zoe='[r for r in d if r["email"] == "zoe@example.edu"][0]'
expect_eq "$(echo "$OUT" | json "$zoe[\"problem\"]")" "no score on Gradescope"

# `autograde stale` is the same comparison for one assignment, with the Gradescope
# submission id and what to do.
run cs351 autograde stale --course CS351-S26 --assignment hw1 --format json
expect_rc 0 "stale"
expect_eq "$(echo "$OUT" | json "$ada[\"gradescope_submission_id\"], $ada[\"regrade_of\"]")" "31001 None"
expect_contains "$(echo "$OUT" | json "$ada[\"action\"]")" "rerun the autograder on this submission in Gradescope"
expect_eq "$(echo "$OUT" | json "$zoe[\"gradescope_submission_id\"]")" 31002
expect_contains "$ERR" "hw1: 2 stale of 2 Gradescope score(s) compared"
run cs351 autograde stale --course CS351-S26
expect_rc 2 "stale without --assignment"

# A later run of the same submission that agrees clears Ada's line.
enqueue ada@example.edu 95.5 31001
cs351 autograde worker --once 2>/dev/null
run cs351 audit scores --course CS351-S26 --assignment hw1 --format csv
expect_rc 0 "audit after the fix"
expect_not_contains "$OUT" "ada@example.edu"
expect_contains "$OUT" "zoe@example.edu"
expect_contains "$ERR" "discrepancies 1"

# A regrade that changes Ada's agreeing score makes Gradescope's stale again.
write_config <<'TOML'
[autograde.assignments.hw1]
title = "HW1: MapReduce"
command = "echo '{\"score\": 90}' > \"$CS351_RESULTS_PATH\""
TOML
run cs351 autograde regrade --course CS351-S26 --assignment hw1 --student ada@example.edu
expect_rc 0 "regrade"
cs351 autograde worker --once 2>/dev/null
run cs351 autograde stale --course CS351-S26 --assignment hw1 --format json
regraded='[r for r in d if r["email"] == "ada@example.edu"][0]'
expect_contains "$(echo "$OUT" | json "$regraded[\"problem\"]")" "a regrade of run"
expect_eq "$(echo "$OUT" | json "$regraded[\"gradescope_score\"], $regraded[\"local_score\"]")" "95.5 90.0" "regraded scores"
expect_contains "$(echo "$OUT" | json "$regraded[\"action\"]")" "upload the new score to Gradescope"

run cs351 audit scores --course NOPE
expect_rc 65 "unknown course"

# Reports read attempts from Gradescope's history and the autograde runs alike (the
# regrade is left out); the maximum is Gradescope's total_points.
run cs351 report features --course CS351-S26 --assignment hw1 --format json
expect_rc 0 "features over the autograde runs"
expect_eq "$(echo "$OUT" | json "$ada[\"attempts\"]")" 2 "Ada's attempts: two runs, not the regrade"
cs351 gradescope sync --only history >/dev/null 2>&1
run cs351 report features --course CS351-S26 --assignment hw1 --format json
expect_rc 0 "features over Gradescope history and autograde runs"
expect_eq "$(echo "$OUT" | json "$ada[\"attempts\"]")" 4 "Ada's attempts: two on Gradescope, two runs here"
expect_eq "$(echo "$OUT" | json 'sorted(r["email"] for r in d if r["excluded"] is None)')" \
  "['ada@example.edu', 'bob@example.edu', 'zoe@example.edu']" "students with attempts"
run cs351 report clusters --course CS351-S26 --assignment hw1 --k 2 --format json
expect_rc 0 "clusters over Gradescope history and autograde runs"
