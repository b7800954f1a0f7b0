# Hostile submissions against the real worker and the real bubblewrap sandbox:
# one submission per attack, all queued together with honest ones. Every attack
# fails, its run ends with a clear status, the worker survives, and the honest
# runs keep their own scores. A final pass in process-group mode shows that the
# read and network attacks are real (they succeed without the sandbox).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
SECRET="hostile-$$-$RANDOM"
STORE="$XDG_DATA_HOME/cs351/cs351.db"
CONFIG="$XDG_CONFIG_HOME/cs351/config.toml"
DATA="$XDG_DATA_HOME/cs351"
write_config <<TOML
token = "token-$SECRET-0123456789abcdef0123456789abcdef"
[autograde.assignments.hostile]
command = "sh $HERE/hostile_grader.sh"
timeout = "4s"
memory = "256M"
processes = 64
file_size = "16M"
disk = "32M"
network = false
# The control pass runs the read attack unsandboxed: its grep walks the host's
# whole /tmp, which takes longer than 4 s on a busy machine.
[autograde.assignments.hostile-control]
command = "sh $HERE/hostile_grader.sh"
timeout = "120s"
network = false
TOML
cs351 course add CS351 2>/dev/null

# The bridge is a loopback service a submission must not reach with network = false.
"$CS351_BIN" autograde serve --listen 127.0.0.1:0 >/dev/null 2>"$T/serve.err" &
serve=$!
BACKGROUND+=("$serve")
BRIDGE_URL="$(listening_url "$T/serve.err")"
PORT="${BRIDGE_URL##*:}"

export AWS_SECRET_ACCESS_KEY="aws-$SECRET" GRADESCOPE_PASSWORD="gs-$SECRET"
"$CS351_BIN" autograde worker --concurrency 4 >/dev/null 2>"$T/worker.err" &
worker=$!
BACKGROUND+=("$worker")

# submission NAME SCRIPT: a submission dir whose attack.sh is SCRIPT.
submission() { mkdir -p "$T/subs/$1"; printf '%s\n' "$2" >"$T/subs/$1/attack.sh"; }
enqueue() { cs351 autograde enqueue --course CS351 --assignment hostile --student "$1@x.edu" --submission "$T/subs/$1" | json 'd["run_id"]'; }

for n in 7 8 9; do
  submission "honest$n" "echo honest; echo 'victim-$SECRET' > notes.txt"
  echo "$n" >"$T/subs/honest$n/score.txt"
done
# (only the store's header is read: the whole file would overflow the 1 MiB log cap.)
submission read "
head -c 16 '$STORE' && echo LEAKED-store
head -c 16 ../../../cs351.db && echo LEAKED-store-relative
cat '$CONFIG' && echo LEAKED-config
env | grep -e '$SECRET' && echo LEAKED-env
cat /proc/$worker/environ && echo LEAKED-worker-proc
cat /proc/*/environ | grep -a -e '$SECRET' && echo LEAKED-proc-environ
ls '$DATA/autograde/artifacts' && echo LEAKED-artifacts
grep -r -l -e 'victim-$SECRET' '$DATA' /tmp /run /home 2>/dev/null && echo LEAKED-other-submission
ls '$HOME' && echo LEAKED-home
ls /root /home /srv /var 2>/dev/null && echo LEAKED-host-dirs
echo read-attempts-done"
submission write "
echo pwned > '$T/pwned-abs' && echo WROTE-abs
echo pwned > ../../../pwned-rel && echo WROTE-rel
echo pwned > '$HERE/pwned' && echo WROTE-grader-dir
echo pwned > /usr/pwned && echo WROTE-usr
echo pwned > /etc/pwned && echo WROTE-etc
echo write-attempts-done"
submission tamper "
python3 -c \"import sqlite3; c = sqlite3.connect('$STORE'); c.execute('UPDATE autograde_runs SET score = 100'); c.commit()\" && echo LEAKED-tamper
echo 100 > score.txt"
submission loopback "
python3 -c \"import socket; socket.create_connection(('127.0.0.1', $PORT), 2)\" && echo LEAKED-loopback
echo loopback-attempt-done"
submission forkbomb 'b() { b | b & }; b; exec sleep 30' # exec: no fork needed once the bomb holds every pid
submission membomb "python3 -c 'x = []
while True: x.append(bytearray(10 ** 7))'"
submission disk "
for i in 1 2 3; do head -c 15000000 /dev/zero > /tmp/fill\$i; done; echo tmp-full
head -c 100000000 /dev/zero > big; echo file-limit
for i in 1 2 3 4 5 6 7 8; do head -c 8000000 /dev/zero > f\$i; done"
submission setsid "setsid sh -c 'sleep 1000 # grandchild-$SECRET' &
echo left a grandchild"
submission output "head -c 30000000 /dev/zero | tr '\\\\0' x"
submission killer "
python3 -c \"import ctypes; r = ctypes.CDLL(None).ptrace(16, $worker, 0, 0); print('ptrace', r); r == 0 and print('LEAKED-ptrace')\"
kill -9 $worker && echo LEAKED-kill-worker
kill -9 -1"

declare -A id
now_s
start=$NOW_S
for name in honest7 read write tamper loopback forkbomb membomb disk setsid output killer honest8 honest9; do
  id[$name]=$(enqueue "$name")
done
finished() { [ "$(cs351 autograde status | json 'd["queued"] + d["running"]')" = 0 ]; }
wait_for finished
now_s
echo "hostile runs finished in $((NOW_S - start)) s" >&2
kill -0 "$worker" || fail "the worker died: $(cat "$T/worker.err")"

field() { cs351 autograde status "${id[$1]}" | json "d['$2']" | tr -d '\000'; }
for n in 7 8 9; do
  expect_eq "$(field "honest$n" status)" succeeded "honest$n status"
  expect_eq "$(field "honest$n" score)" "$n.0" "honest$n score"
done
for name in read write tamper loopback; do
  log=$(field "$name" log)
  expect_not_contains "$log" LEAKED "$name log"
  expect_not_contains "$log" WROTE "$name log"
  expect_not_contains "$log" "$SECRET" "$name log"
  expect_contains "$log" "[cs351] isolation sandbox" "$name log"
done
expect_contains "$(field read log)" read-attempts-done
expect_contains "$(field write log)" write-attempts-done
for f in "$T/pwned-abs" "$DATA/autograde/pwned-rel" "$HERE/pwned" /usr/pwned /etc/pwned; do
  [ ! -e "$f" ] || { rm -f "$f"; fail "the write attack created $f"; }
done
expect_eq "$(field tamper score)" 100.0 "tamper's own score (its own file, its own run)"
expect_eq "$(field honest8 score)" 8.0 "a score the tamper attack tried to rewrite"
expect_contains "$(field loopback log)" "rror" "loopback refused"
expect_eq "$(field forkbomb error)" "timed out after 4s" "fork bomb"
expect_contains "$(field membomb log)" MemoryError "memory bomb"
# The run's folder and /tmp share one 32M filesystem: the writes fail, and so
# does the grader's own results.json in the full filesystem.
expect_eq "$(field disk status)" failed "disk"
expect_contains "$(field disk log)" "No space left" "a full run filesystem"
expect_contains "$(field disk log)" "limits: cgroup v1: memory 256M (incl. tmpfs and memfd), processes 64; rlimits: memory 256M per process, processes 64, file size 16M, disk 32M" "limits line"
expect_eq "$(field setsid status)" succeeded "setsid"
no_grandchild() { ! pgrep -f "grandchild-$SECRET"; }
wait_for no_grandchild
expect_eq "$(field output status)" succeeded "huge output"
expect_contains "$(field output log)" "output truncated"
[ "$(field output log | wc -c)" -lt 1100000 ] || fail "the log of the huge output is not capped"
expect_not_contains "$(field killer log)" LEAKED "killer log"
expect_contains "$(field killer log)" "ptrace -1" "ptrace refused"
expect_eq "$(field killer status)" failed "killer"
ls "$DATA/autograde/work" | grep -q . && fail "run directories left: $(ls "$DATA/autograde/work")"

kill -TERM "$worker"
wait "$worker" || fail "worker exit $?"

# Control: without the sandbox the same read and network attacks succeed.
id[read2]=$(cs351 autograde enqueue --course CS351 --assignment hostile-control --student read2@x.edu --submission "$T/subs/read" | json 'd["run_id"]')
id[loop2]=$(cs351 autograde enqueue --course CS351 --assignment hostile-control --student loop2@x.edu --submission "$T/subs/loopback" | json 'd["run_id"]')
CS351_AUTOGRADE_ISOLATION=process-group "$CS351_BIN" autograde worker --once 2>"$T/control.err"
expect_contains "$(cat "$T/control.err")" "isolation process-group"
expect_contains "$(field read2 log)" LEAKED-store "control: store readable without the sandbox"
expect_contains "$(field read2 log)" LEAKED-config "control: config readable without the sandbox"
expect_contains "$(field loop2 log)" LEAKED-loopback "control: loopback reachable without the sandbox"
kill -TERM "$serve"
