#!/bin/sh
# A grader for the multi-host test: notes when it starts and ends, for which run,
# students and host, in the shared $MARKS/log (the hosts are network namespaces on
# one filesystem). Runs of assignment `gated` wait for the test to create
# $MARKS/open (at most 60 s); the others take a moment. Scores 1.
set -eu
mark() { echo "$1 $CS351_RUN_ID $CS351_STUDENT_EMAILS $GRADER_HOST $(date +%s%N)" >>"$MARKS/log"; }
mark start
if [ "$CS351_ASSIGNMENT" = gated ]; then
  i=0
  while [ ! -e "$MARKS/open" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
else
  sleep 0.2
fi
mark end
echo '{"score": 1}' >"$CS351_RESULTS_PATH"
