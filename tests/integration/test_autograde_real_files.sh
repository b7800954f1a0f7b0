# Real Gradescope files through the real path (submit -> serve -> worker ->
# results.json): every real submission_metadata.json in fixtures/autograde
# enqueues with its members, every real results.json (and every results object
# Gradescope serialised back into previous_submissions) reaches Gradescope
# meaning what the grader wrote. A results.json the rules refuse gives the
# student a page that blames the grader, and `submit` exits 65; a crashed
# grader exits 1.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
export CS351_AUTOGRADE_TOKEN="it-real-$$-0123456789abcdef0123456789abcdef"
RESULTS="$FIXTURES/autograde/results"
META="$FIXTURES/autograde/metadata"
# The grader hands back the results file the submission names in `which`.
GRADER='f=$(cat "$CS351_SUBMISSION_DIR/which"); case $f in crash) exit 3;; esac; cp "$f" "$CS351_RESULTS_PATH"'
# The sandbox shows the grader only its mounts: the fixtures and $T/graded.
GRADED="$T/graded"
mkdir -p "$GRADED"
assignment() {  # assignment NAME MATCH: one [autograde.assignments.NAME] running $GRADER
  printf '[autograde.assignments.%s]\n%s\ncommand = '"'"'%s'"'"'\nmounts = "%s,%s"\n' \
    "$1" "$2" "$GRADER" "$RESULTS" "$GRADED"
}
{
  assignment ope 'title = "ope test"'
  assignment minqueue 'title = "Project 07 - minqueue"'
  assignment go 'title = "Project 0 - Complete Testing"'
  assignment cpp 'gradescope_id = "1868081"'
} | write_config
# One cs351 course per Gradescope course the real files come from.
for id in 661371 60670 4 367163; do
  cs351 course add "C$id" 2>/dev/null
  cs351 course link "C$id" "$id" 2>/dev/null
done

start_bridge 2

# deliver NAME METADATA RESULTS_FILE: submit a submission whose grader writes
# RESULTS_FILE; the exit code is in $RC, the delivered file in $T/NAME.json.
deliver() {
  mkdir -p "$T/sub-$1"
  printf '%s' "$3" > "$T/sub-$1/which"
  run cs351 autograde submit --server "$URL" --metadata "$2" --submission "$T/sub-$1" \
    --results "$T/$1.json" --deadline 30s
}

# Each real results.json, each under a different real metadata file.
i=0
metas=("$META/solo_rkulskis.json" "$META/many_previous_orgb4.json" "$META/previous_results_burturt.json" "$META/two_users_rhys_brailsford.json")
for f in "$RESULTS"/*.json; do
  deliver "r$i" "${metas[$i]}" "$f"
  expect_rc 0 "$(basename "$f")"
  python3 "$HERE/same_meaning.py" "$f" "$T/r$i.json" >/dev/null || fail "$(basename "$f") changed meaning"
  i=$((i + 1))
done
expect_eq "$(json 'd["execution_time"]' <"$T/r2.json")" 0.05 "gradescope-utils execution_time"

# The results Gradescope serialised back (nulls everywhere), as a grader that
# merges the previous result into its own would hand them over.
for m in many_previous_orgb4 previous_results_burturt; do
  python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['previous_submissions'][0]['results']))" \
    "$META/$m.json" > "$GRADED/prev-$m.json"
  deliver "p-$m" "$META/$m.json" "$GRADED/prev-$m.json"
  expect_rc 0 "previous results of $m"
  python3 "$HERE/same_meaning.py" "$GRADED/prev-$m.json" "$T/p-$m.json" >/dev/null || fail "previous results of $m changed meaning"
done

# Every metadata file enqueued with the right members (the group's mixed-case email lower-cased).
deliver group "$META/group_derived_from_rkulskis.json" "$RESULTS/go_burturt.json"
expect_rc 0 "group"
members() { cs351 autograde list --format json | json "sorted({','.join(r['students']) for r in d})"; }
expect_eq "$(members)" "['jo.student@example.edu', 'jo.student@example.edu,partner.student@example.edu', 'rb.staff@example.edu', 'test@example.com', 'vi.student@example.edu']" "members"
run cs351 autograde list --student rb.staff@example.edu --format json
expect_eq "$(echo "$OUT" | json '[r["submitted_at"] for r in d]')" "['2022-02-15T03:51:39Z']" "microsecond created_at"

# A results.json the rules refuse: the student is told it is the grader's fault, exit 65.
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['test_name_format']='rich'; print(json.dumps(d))" \
  "$RESULTS/gradescope_utils_rkulskis.json" > "$GRADED/bad.json"
deliver bad "$META/solo_rkulskis.json" "$GRADED/bad.json"
expect_rc 65 "refused results.json"
expect_contains "$ERR" "invalid results.json: test_name_format must be one of"
page=$(json 'd["output"]' <"$T/bad.json")
expect_contains "$page" "test_name_format must be one of"
expect_contains "$page" "fault in the autograder"
expect_contains "$page" "resubmitting will not help"
expect_eq "$(json 'd["score"]' <"$T/bad.json")" 0 "score of a refused result"

# A grader that crashes is a failed run too, but not the same exit status.
deliver crash "$META/many_previous_orgb4.json" crash
expect_rc 1 "crashed grader"
expect_contains "$(json 'd["output"]' <"$T/crash.json")" "Please resubmit"
