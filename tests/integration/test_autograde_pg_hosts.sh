# Workers on several machines, for real: PostgreSQL on host `db`, worker hosts
# `w1` and `w2`, each a network namespace with its own address, store and config,
# sharing nothing but the queue URL. A workload of several students with double
# submits; w1's link is cut while it grades: its run becomes "worker lost" after
# the lease and is not replayed, w2 finishes everything else, and once the link is
# back w1 refuses to write its stale result and says so, then carries on. Then
# PostgreSQL restarts: both hosts reconnect and grade again.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/postgres.sh"
source "$(dirname "$0")/netns.sh"
netns_require
require_postgres
HERE="$CS351_SOURCE_DIR/tests/integration/autograde"

netns_hosts db w1 w2
start_postgres "${ADDR[db]}" "${NETNS[db]}"
MARKS="$T/marks"  # where the graders of every host note what they do: one filesystem
mkdir -p "$MARKS" "$T/sub"
echo 'print("hi")' >"$T/sub/main.py"

# Each host has its own home, store and config; the queue URL is all they share.
# w2 has no grader for `gated`, so it never claims one. w1's lease is short, so its cut run
# is lost soon; w2's is long, so no run of w2 is lost when the machine stalls for a few seconds
# (a paused virtual machine resumes with its clock set forward, past every short lease).
host_config() {  # host_config HOST LEASE ASSIGNMENT...
  mkdir -p "$T/$1/config/cs351" "$T/$1/data" "$T/$1/home"
  {
    # prepare_ahead off: a worker holds only the runs it grades, so a cut loses exactly those.
    printf '[autograde]\npoll_interval = "200ms"\nlease = "%s"\nisolation = "process-group"\nprepare_ahead = false\n' "$2"
    for a in "${@:3}"; do
      printf '[autograde.assignments.%s]\ncommand = "%s"\ndedupe_window = "2m"\n' "$a" "$HERE/host_grader.sh"
      printf 'env = {MARKS = "%s", GRADER_HOST = "%s"}\n' "$MARKS" "$1"
    done
  } >"$T/$1/config/cs351/config.toml"
}
host_config db 2s hw1 gated
host_config w1 2s hw1 gated
host_config w2 60s hw1
at() {  # at HOST CMD...: cs351 on HOST
  local host="$1"
  shift
  on_host "$host" env HOME="$T/$host/home" XDG_DATA_HOME="$T/$host/data" \
    XDG_CONFIG_HOME="$T/$host/config" CS351_AUTOGRADE_QUEUE_URL="$PG_URL" "$CS351_BIN" "$@"
}
start_worker() {  # start_worker HOST SLOTS: a worker in the background, its stderr in $T/HOST.err
  at "$1" autograde worker --concurrency "$2" 2>>"$T/$1.err" &
  BACKGROUND+=($!)
}
enqueue() {  # enqueue ASSIGNMENT SUBMISSION STUDENT...: prints the run id
  local members=()
  for s in "${@:3}"; do members+=(--student "$s@x.edu"); done
  at db autograde enqueue --course CS351 --assignment "$1" "${members[@]}" --submission "$T/$2" \
    | json 'd["run_id"]'
}
field() { at db autograde status "$1" | json "d['$2']"; }

run at db autograde migrate
expect_rc 0 "migrate"
at db course add CS351 2>/dev/null

# The gated run goes to w1 (the only host with its grader) and holds it until the test says.
gated=$(enqueue gated sub s0)
# One slot: while the gated run holds it, w1 claims nothing else, so the cut below loses
# exactly that run (with two, an hw1 run w1 was grading at the cut was lost too).
start_worker w1 1
wait_for grep -q "start $gated s0@x.edu w1 " "$MARKS/log"
start_worker w2 2
# Twelve submissions of four students, some in a pair (s0's wait behind the gated run),
# enqueued at once; two of them submitted twice: one run each.
members() { s=$(($1 % 4)); echo "s$s"; [ $(($1 % 5)) -ne 0 ] || echo "s$(((s + 1) % 4))"; }
pids=()
for i in $(seq 1 12); do
  mkdir -p "$T/sub$i" && echo "print($i)" >"$T/sub$i/main.py"
  enqueue hw1 "sub$i" $(members "$i") >"$T/run$i" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "an enqueue failed"; done
expect_eq "$(sort -u "$T"/run[0-9]* | wc -l)" 12 "runs of 12 distinct submissions"
for i in 3 10; do
  args=()
  for s in $(members "$i"); do args+=(--student "$s@x.edu"); done
  run at db autograde enqueue --course CS351 --assignment hw1 "${args[@]}" --submission "$T/sub$i"
  expect_rc 0 "double submit of sub$i"
  expect_eq "$(echo "$OUT" | json 'd["deduplicated"], d["run_id"]')" "True $(cat "$T/run$i")" \
    "double submit of sub$i"
done

# Cut w1 while it grades: its run is lost once the lease runs out, w2 finishes the rest.
link_down w1
lost() { [ "$(field "$gated" error)" = "worker lost" ]; }
wait_for lost
all_graded() { [ "$(at db autograde status | json 'd["succeeded"], d["running"], d["queued"]')" = "12 0 0" ]; }
wait_for all_graded
expect_eq "$(field "$gated" status)" failed "the cut host's run"

# The cut host's grader ends and its worker tries to write; the link comes back:
# the result is refused, and the worker says so.
touch "$MARKS/open"
wait_for grep -q "end $gated " "$MARKS/log"
link_up w1
wait_for grep -q "run $gated (.*): .*result discarded" "$T/w1.err"
expect_eq "$(at db autograde status "$gated" | json 'd["error"], d["attempt"]')" "worker lost 1" \
  "the lost run after w1 came back (not replayed)"

# w1 carries on: a new gated run (only w1 can grade it; new files, else it would be a
# double submit of the lost one) succeeds.
mkdir -p "$T/again" && echo 'print("again")' >"$T/again/main.py"
again=$(enqueue gated again s0)
succeeded() { [ "$(field "$1" status)" = succeeded ]; }
wait_for succeeded "$again"

# PostgreSQL restarts under both idle workers: they reconnect and grade again.
restart_postgres
after_restart=(
  "$(enqueue gated sub s2)"
  "$(enqueue hw1 sub1 s3 s4)"
  "$(enqueue hw1 sub2 s5)"
)
for r in "${after_restart[@]}"; do wait_for succeeded "$r"; done

at db autograde list --format json --limit 1000 >"$T/list.json"
python3 "$HERE/check_hosts.py" "$MARKS/log" "$T/list.json" || fail "grader log check"
expect_eq "$(json 'len([r for r in d if r["status"] == "failed"])' <"$T/list.json")" 1 "lost runs"
grep -q " w2 " "$MARKS/log" || fail "w2 graded nothing"
