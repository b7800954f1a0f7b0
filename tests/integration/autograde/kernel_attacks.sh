# The grader of test_autograde_kernel_limits.sh: runs the submission's
# attacks as the grader itself, in its working directory (student commands
# get the same sandbox), one line of evidence each, then writes a score of 1.
. "$CS351_SUBMISSION_DIR/attack.sh"
echo '{"score": 1}' >"$CS351_RESULTS_PATH"
