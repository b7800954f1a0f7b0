# A grader bug found after the class submitted: 20 students graded by v1, the
# grader fixed (v2), `regrade --dry-run` counts 20, `regrade` queues 20 new runs
# marked regrade_of the old ones, live submissions that arrive meanwhile are
# claimed first, `--report` lists exactly the students whose score changed
# (biggest change first), and the old runs are untouched.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
grader_config() {
  write_config <<TOML
[autograde.assignments.hw1]
command = "$HERE/score_grader.sh $1"
TOML
}
grader_config v1
cs351 course add CS351 2>/dev/null

# submit STUDENT ANSWER: a one-file submission, its run id on stdout.
submit() {
  mkdir -p "$T/subs/$1-$2"
  echo "$2" > "$T/subs/$1-$2/answer.txt"
  cs351 autograde enqueue --course CS351 --assignment hw1 --student "$1" \
    --submission "$T/subs/$1-$2" | json 'd["run_id"]'
}
for i in $(seq 1 20); do submit "s$i@x.edu" $((i % 10)) >/dev/null; done
cs351 autograde worker --once --concurrency 2 2>"$T/worker1.err" || fail "worker: $(cat "$T/worker1.err")"
run cs351 autograde list --format json
echo "$OUT" > "$T/before.json"
expect_eq "$(echo "$OUT" | json 'sorted(set(r["status"] for r in d))')" "['succeeded']" "v1 runs"
expect_eq "$(echo "$OUT" | json 'len(d)')" 20 "v1 runs"

grader_config v2
run cs351 autograde regrade --course CS351 --assignment hw1 --dry-run --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'd["would_regrade"]')" 20 "dry run count"
expect_contains "$ERR" "dry run: hw1: would regrade 20 run(s)"
expect_eq "$(cs351 autograde status | json 'd["queued"]')" 0 "runs queued by a dry run"
run cs351 autograde regrade --course CS351 --assignment hw1 --student s2@x.edu --dry-run --format json
expect_eq "$(echo "$OUT" | json 'd["would_regrade"]')" 1 "dry run of one student"

run cs351 autograde regrade --course CS351 --assignment hw1 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'len(d["runs"])')" 20 "regrade runs"
expect_eq "$(cs351 autograde status | json 'd["queued"]')" 20 "queued regrades"
# Asked again while they wait: nothing more to queue.
run cs351 autograde regrade --course CS351 --assignment hw1 --format json
expect_eq "$(echo "$OUT" | json '(d["regraded"], d["already_pending"])')" "(0, 20)" "second regrade"

# Live submissions arriving now (one of them from a student whose regrade is
# queued) are claimed before any regrade run.
live_new=$(submit late@x.edu 4)
live_again=$(submit s1@x.edu 7)
cs351 autograde worker --max-runs 2 2>"$T/worker2.err" || fail "worker: $(cat "$T/worker2.err")"
run cs351 autograde list --status succeeded --format json
expect_eq "$(echo "$OUT" | json 'sorted(r["run_id"] for r in d if r["run_id"] > 20)')" \
  "[$live_new, $live_again]" "runs served while the regrade waits"
expect_eq "$(cs351 autograde status | json 'd["queued"]')" 20 "regrades still queued"

cs351 autograde worker --once --concurrency 2 2>"$T/worker3.err" || fail "worker: $(cat "$T/worker3.err")"
run cs351 autograde regrade --course CS351 --assignment hw1 --report --format json
expect_rc 0
# v1 took off answer % 3: exactly those students changed, by that much, 2s first.
expected=$(python3 -c '
rows = [(f"s{i}@x.edu", i % 10 - i % 10 % 3, i % 10) for i in range(1, 21) if i % 10 % 3]
print([r[0] for r in sorted(rows, key=lambda r: (-(r[2] - r[1]), r[0]))])')
expect_eq "$(echo "$OUT" | json '[r["students"] for r in d]')" "$expected" "students whose score changed"
expect_eq "$(echo "$OUT" | json 'all(r["new_score"] - r["old_score"] == r["change"] == int(r["students"][1:].split("@")[0]) % 10 % 3 for r in d)')" True "old, new and change"
expect_eq "$(echo "$OUT" | json 'sorted(set(r["state"] for r in d))')" "['changed']" "states"
expect_contains "$ERR" "hw1: regraded 20: changed 12, unchanged 8, pending 0, failed 0"
run cs351 autograde regrade --course CS351 --assignment hw1 --report --all --format csv
expect_eq "$(echo "$OUT" | sed 1d | wc -l)" 20 "rows with --all"
expect_contains "$OUT" "students,old_run,old_score,new_run,new_score,change,state,error"

# The old runs are intact; each regrade names the run it replaced.
cs351 autograde list --format json >"$T/after.json"
python3 - "$T/before.json" "$T/after.json" <<'PY' || fail "old runs changed or regrades misnamed"
import json, sys
before = {r["run_id"]: r for r in json.load(open(sys.argv[1]))}
after = {r["run_id"]: r for r in json.load(open(sys.argv[2]))}
assert all(after[i] == r for i, r in before.items()), "an old run changed"
regrades = [r for r in after.values() if r["regrade_of"] is not None]
assert sorted(r["regrade_of"] for r in regrades) == sorted(before), regrades
assert all(r["students"] == before[r["regrade_of"]]["students"] for r in regrades)
PY

# An assignment known only to the autograde config has no maximum: the report says
# which flag gives it, and works with it (regrades are not attempts).
{ echo "email,name,role"; for i in $(seq 1 20); do echo "s$i@x.edu,S$i,student"; done; } >"$T/roster.csv"
cs351 roster import "$T/roster.csv" --course CS351 2>/dev/null
run cs351 report features --course CS351 --assignment hw1 --format json
expect_rc 65 "features without a maximum"
expect_contains "$ERR" "give them with --max-points"
run cs351 report features --course CS351 --assignment hw1 --max-points 10 --format json
expect_rc 0 "features with --max-points"
expect_eq "$(echo "$OUT" | json '[r["attempts"] for r in d if r["email"] == "s1@x.edu"]')" "[2]" "s1's attempts"
