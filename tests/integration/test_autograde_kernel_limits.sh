# Limits the kernel enforces and a closed kernel surface, tried by graders
# through a real worker and real bubblewrap, cgroups and seccomp: 2 GiB of
# fallocate and 100 MB under a path longer than PATH_MAX under a 64 MiB disk limit, 1 GiB in a memfd under a 256 MiB memory
# limit, a user namespace (unshare -Ur), keyrings (add_key, and a key one run
# leaves for the next), io_uring, userfaultfd, the host's loopback with no
# `network` key, the host's paths in /proc/1/cmdline. A control pass runs the
# same attacks in process-group mode (no sandbox): there each one works, so
# the test can fail (all but /proc/1/cmdline, which is then the host's init).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
SECRET="kernel-$$-$RANDOM"
DATA="$XDG_DATA_HOME/cs351"
write_config <<TOML
[autograde.assignments.attack]
command = "sh $HERE/kernel_attacks.sh"
timeout = "60s"
memory = "256M"
disk = "64M"
file_size = "4G"
# The control pass: the same, with a disk limit the process-group mode's
# 200 ms watcher of the run directory never trips over (it would kill the run
# when it happened to see the 2 GiB file).
[autograde.assignments.control]
command = "sh $HERE/kernel_attacks.sh"
timeout = "60s"
memory = "256M"
disk = "8G"
file_size = "4G"
TOML
cs351 course add CS351 2>/dev/null
python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
print(s.getsockname()[1], flush=True)
while True: s.accept()[0].close()' >"$T/port" &
BACKGROUND+=($!)
wait_for test -s "$T/port"
PORT=$(cat "$T/port")

mkdir -p "$T/keyadd" "$T/attacks"
cat >"$T/keyadd/attack.sh" <<SH
python3 $HERE/syscalls.py add_key "$SECRET"
SH
cat >"$T/attacks/attack.sh" <<SH
python3 $HERE/syscalls.py find_key "$SECRET"
python3 $HERE/syscalls.py io_uring_setup
python3 $HERE/syscalls.py userfaultfd
unshare -Ur true && echo "unshare ok"
fallocate -l 2G big && echo "fallocate ok"
rm -f big
python3 -c "
import os
for _ in range(300):
    os.mkdir('d0123456789abcdef'); os.chdir('d0123456789abcdef')
print('deep path of', 300 * 17, 'bytes', flush=True)
with open('deep', 'wb') as f:
    for _ in range(100): f.write(bytes(1 << 20))
print('deep path ok')"
df -B1 --output=size . | tail -1 | sed 's/^ */run filesystem size /'
python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 2)" && echo "loopback ok"
echo "pid 1: \$(tr '\\000' ' ' </proc/1/cmdline)"
python3 -c "
import os
fd = os.memfd_create('fill')
chunk = b'x' * (1 << 20)
for _ in range(1024): os.write(fd, chunk)
print('memfd ok', flush=True)"
echo "memfd done \$?"
SH

# run_pass ISOLATION ASSIGNMENT: grades keyadd, then attacks; their logs in
# $T/ISOLATION.{keyadd,attacks}. A worker each: one worker would claim both at once (it
# prepares the next run ahead), and the second could start first.
run_pass() {
  local keyadd attacks
  keyadd=$(cs351 autograde enqueue --course CS351 --assignment "$2" --student "k-$1@x.edu" --submission "$T/keyadd" | json 'd["run_id"]')
  CS351_AUTOGRADE_ISOLATION=$1 "$CS351_BIN" autograde worker --once 2>"$T/$1.err" \
    || fail "worker ($1): $(cat "$T/$1.err")"
  attacks=$(cs351 autograde enqueue --course CS351 --assignment "$2" --student "a-$1@x.edu" --submission "$T/attacks" | json 'd["run_id"]')
  CS351_AUTOGRADE_ISOLATION=$1 "$CS351_BIN" autograde worker --once 2>"$T/$1.err" \
    || fail "worker ($1): $(cat "$T/$1.err")"
  cs351 autograde status "$keyadd" | json 'd["log"]' >"$T/$1.keyadd"
  cs351 autograde status "$attacks" | json 'd["log"] + "\nerror: " + str(d["error"])' >"$T/$1.attacks"
}

run_pass sandbox attack
log=$(cat "$T/sandbox.keyadd" "$T/sandbox.attacks")
expect_contains "$log" "add_key refused" "add_key"
expect_contains "$log" "find_key refused" "a key left by the run before"
expect_contains "$log" "io_uring_setup refused" "io_uring"
expect_contains "$log" "userfaultfd refused" "userfaultfd"
expect_not_contains "$log" "unshare ok" "unshare -Ur"
expect_not_contains "$log" "fallocate ok" "fallocate"
expect_contains "$log" "fallocate: fallocate failed: No space left on device" "fallocate"
expect_not_contains "$log" "deep path ok" "a write under a path longer than PATH_MAX"
expect_contains "$log" "deep path of 5100 bytes" "the deep path"
expect_contains "$log" "run filesystem size 67108864" "the run's own filesystem"
expect_not_contains "$log" "loopback ok" "no network key"
expect_not_contains "$log" "$DATA" "/proc/1/cmdline"
expect_contains "$log" "bwrap --args 10 -- " "/proc/1/cmdline"
expect_not_contains "$log" "memfd ok" "memfd"
expect_contains "$log" "limits: cgroup v1: memory 256M (incl. tmpfs and memfd), processes 256" "limits line"
expect_contains "$log" "seccomp filter" "limits line"

# Control: without the sandbox every attack works (as root, which CI is).
[ "$(id -u)" = 0 ] || { echo "SKIP control pass: needs root" >&2; exit 0; }
run_pass process-group control
log=$(cat "$T/process-group.keyadd" "$T/process-group.attacks")
for works in "add_key ok" "find_key ok" "io_uring_setup ok" "userfaultfd ok" "unshare ok" \
  "fallocate ok" "deep path ok" "loopback ok" "memfd ok"; do
  expect_contains "$log" "$works" "control"
done
