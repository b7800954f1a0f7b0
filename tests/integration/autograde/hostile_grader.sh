#!/bin/sh
# The grader of the hostile-submission suite: runs the student's attack.sh as a
# real grader runs student code, then scores what score.txt says (1 by default).
cd "$CS351_SUBMISSION_DIR" || exit 1
sh ./attack.sh
score=1
[ -f score.txt ] && score=$(cat score.txt)
printf '{"score": %s}\n' "$score" >"$CS351_RESULTS_PATH"
