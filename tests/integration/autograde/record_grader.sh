#!/bin/sh
# A grader for the concurrency tests: prints when it starts and ends for which
# students (one line each, into the run's log: the sandbox lets it write nowhere
# else), takes a moment, scores 1.
set -eu
echo "start $CS351_RUN_ID $CS351_STUDENT_EMAILS $(date +%s%N)"
sleep "0.0$(($$ % 8 + 2))"
test -f "$CS351_SUBMISSION_DIR/main.py"
echo "end $CS351_RUN_ID $CS351_STUDENT_EMAILS $(date +%s%N)"
echo '{"score": 1, "tests": [{"name": "runs", "score": 1, "max_score": 1, "status": "passed"}]}' > "$CS351_RESULTS_PATH"
