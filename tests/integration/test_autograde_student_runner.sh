# A grader in the documented pattern (hidden tests in its own folder, student
# code run through $CS351_RUN_STUDENT) against a submission that cheats as a
# Gradescope attack does: it looks for the hidden tests, writes the results
# path it guesses and makes it read-only, leaves a double-forked process that
# keeps rewriting it, and kills the grader. In the sandbox the run gets exactly
# the honest score, nothing of the hidden tests reaches the student or the
# results, and nothing the student started outlives its command. The control
# pass (process-group mode, no protection) shows each attack is real.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
SECRET="hidden-$$-$RANDOM"
DAEMON="cheat$$"  # the cheat's daemon's process name
cp -r "$HERE/hidden_grader" "$T/grader"
echo "$SECRET" >"$T/grader/tests/README"
write_config <<TOML
[autograde.assignments.hw]
command = "python3 $T/grader/grade.py"
timeout = "60s"
memory = "512M"
TOML
cs351 course add CS351 2>/dev/null

mkdir -p "$T/honest" "$T/cheat"
printf 'a, b = map(int, input().split())\nprint(a + b)\n' >"$T/honest/main.py"
# The cheat answers 0 to everything: its honest score is 1 of 3.
cat >"$T/cheat/main.py" <<PY
import ctypes, glob, json, os, signal, time
evidence = "$T/evidence"
stolen = ""
for path in glob.glob("$T/grader/tests/*") + glob.glob("/autograder/**/*", recursive=True):
    try:
        stolen += open(path).read()
    except OSError:
        pass
target = os.environ.get("CS351_RESULTS_PATH", "/autograder/results/results.json")
forged = json.dumps({"score": 100, "output": stolen})
def forge():
    try:
        with open(target, "w") as f:
            f.write(forged)
        os.chmod(target, 0o444)
        return True
    except OSError:
        return False
def note(line):
    try:
        with open(evidence, "a") as f:
            f.write(line + "\n")
    except OSError:
        pass
if "$SECRET" in stolen:
    note("read the hidden tests")
if forge():
    note("wrote the results path")
first = os.fork()  # double fork, own session
if first == 0:
    os.setsid()
    if os.fork() == 0:  # the daemon: rewrites the results after the grader wrote them
        ctypes.CDLL(None).prctl(15, b"$DAEMON", 0, 0, 0)  # PR_SET_NAME, for pgrep
        for _ in range(50):
            time.sleep(0.1)
            forge()
        note("the daemon outlived the student's command")
    os._exit(0)
os.waitpid(first, 0)
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if b"$T/grader" in open(f"/proc/{pid}/cmdline", "rb").read():
            note("killed the grader")  # first: the worker ends this command once the grader is gone
            os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
print(0)
PY

enqueue() {
  cs351 autograde enqueue --course CS351 --assignment hw --student "$1@x.edu" \
    --submission "$T/$2" | json 'd["run_id"]'
}
field() { cs351 autograde status "$1" | json "d['$2']"; }

honest=$(enqueue honest honest)
cheat=$(enqueue cheat cheat)
"$CS351_BIN" autograde worker --once 2>"$T/worker.err" || fail "worker: $(cat "$T/worker.err")"
expect_eq "$(field "$honest" status)" succeeded "honest run"
expect_eq "$(field "$honest" score)" 3.0 "honest score"
expect_eq "$(field "$cheat" status)" succeeded "cheating run: $(field "$cheat" error)"
expect_eq "$(field "$cheat" score)" 1.0 "the cheat gets its honest score"
expect_not_contains "$(cs351 autograde status "$cheat")" "$SECRET" "the cheat's run"
expect_contains "$(field "$cheat" log)" "seccomp" "limits line"
[ ! -e "$T/evidence" ] || fail "the sandboxed cheat left evidence: $(cat "$T/evidence")"
no_daemon() { ! pgrep -x "$DAEMON" >/dev/null; }
no_daemon || fail "a process the cheat started outlived its command"

# Control: without the sandbox every part of the attack works.
control=$(enqueue control cheat)
CS351_AUTOGRADE_ISOLATION=process-group "$CS351_BIN" autograde worker --once 2>"$T/control.err" \
  || fail "control worker: $(cat "$T/control.err")"
wait_for grep -q "daemon outlived" "$T/evidence"
evidence=$(cat "$T/evidence")
expect_contains "$evidence" "read the hidden tests" "control"
expect_contains "$evidence" "wrote the results path" "control"
expect_contains "$evidence" "killed the grader" "control"
expect_contains "$(field "$control" error)" "signal 9" "control: the grader was killed"
[ "$(field "$control" status)/$(field "$control" score)" != succeeded/1.0 ] \
  || fail "control: the unprotected grader still got the honest score"
