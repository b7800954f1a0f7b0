#!/bin/sh
# A grader for the regrade test: the score is the number in the submission's
# answer.txt. Version v1 has the bug a regrade fixes: it takes off the answer
# modulo 3, so answers 1, 2, 4, 5, 7 and 8 lose 1 or 2 points.
set -eu
n=$(cat "$CS351_SUBMISSION_DIR/answer.txt")
score=$n
if [ "$1" = v1 ]; then score=$((n - n % 3)); fi
echo "graded by $1: answer $n, score $score"
echo "{\"score\": $score}" > "$CS351_RESULTS_PATH"
