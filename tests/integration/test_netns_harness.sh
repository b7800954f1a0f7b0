# The network-namespace harness the multi-host tests stand on: PostgreSQL in one
# namespace is reachable over TCP from the others; cutting a host's link cuts
# only that host, and plugging it back restores it; everything the harness made
# is gone after a test passes, fails, is terminated or is killed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/postgres.sh"
source "$(dirname "$0")/netns.sh"
netns_require
require_postgres

netns_hosts db w1 w2
start_postgres "${ADDR[db]}" "${NETNS[db]}"
[ "$PG_URL" = "postgresql://cs351@${ADDR[db]}:$PG_PORT/cs351" ] || fail "PG_URL is $PG_URL"

# psql HOST: one query from HOST over TCP, giving up after 1 s without a connection.
query_from() { on_host "$1" psql "$PG_URL?connect_timeout=1" -XAtqc "select 'ok from ' || host(inet_client_addr())"; }
run query_from w1
expect_rc 0 "psql from w1"
expect_eq "$OUT" "ok from ${ADDR[w1]}" "w1's query"
run query_from w2
expect_eq "$OUT" "ok from ${ADDR[w2]}" "w2's query"

# Nothing of it is on this machine's own network.
run psql "$PG_URL?connect_timeout=1" -XAtqc "select 1"
[ "$RC" -ne 0 ] || fail "the namespaced server was reachable from the machine's own network"
ip -4 -o addr | grep -q "${ADDR[db]%.*}\." && fail "a test address leaked into the machine's network"

# Cut w1: it loses the server, w2 does not; plugged back, w1 reaches it again.
link_down w1
run query_from w1
[ "$RC" -ne 0 ] || fail "w1 reached the server with its link down"
run query_from w2
expect_eq "$OUT" "ok from ${ADDR[w2]}" "w2's query while w1 is cut"
link_up w1
reachable() { [ "$(query_from w1)" = "ok from ${ADDR[w1]}" ]; }
wait_for reachable

# A connection open across the cut survives it (TCP retransmits once the link is back),
# as a worker's connection to the queue would.
coproc HELD { on_host w1 psql "$PG_URL" -XAtq; }
echo "select 'before';" >&"${HELD[1]}"
read -r -t 10 line <&"${HELD[0]}" || fail "no answer on the held connection"
expect_eq "$line" before "held connection"
link_down w1
echo "select 'across';" >&"${HELD[1]}"
read -r -t 1 line <&"${HELD[0]}" && fail "an answer arrived while the link was down: $line"
link_up w1
read -r -t 20 line <&"${HELD[0]}" || fail "no answer after the link came back"
expect_eq "$line" across "held connection after the cut"
exec {HELD[1]}>&-

# Teardown: a test that fails, one that is terminated and one killed with SIGKILL
# (its namespaces are swept by the next test) each leave no namespace and no process.
# The child reports the namespaces it made before it says "ready", and a failing child fails
# only when the parent says "go" on its stdin: the parent's checks never race its teardown.
child() {  # child MODE: builds two hosts with a process in each, prints "netns NAME" for each
           # namespace it made, then "ready PID TMPDIR"; ends by MODE
  bash -c 'source "$1/lib.sh"; source "$1/netns.sh"; netns_hosts a b
           on_host a sleep 300 "0.$2" & on_host b sleep 300 "0.$2" &
           ip netns list | awk -v p="$NETNS_PREFIX" "index(\$1, p) == 1 { print \"netns\", \$1 }"
           echo "ready $$ $T"; case $3 in fail) read -r _; false ;; *) wait ;; esac' \
    child "$(dirname "$0")" "$$" "$1"
}
gone() { ! ip netns list | grep -q "^cs351t$1-"; }
exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }
mkfifo "$T/go"
for mode in fail term kill; do
  exec {go}<>"$T/go"  # read-write: opening it does not wait for the child to open its end
  out="$T/child-$mode.out"  # its own file: the next child's redirection empties no file read here
  child "$mode" <"$T/go" >"$out" 2>&1 &
  pid=$!
  wait_for grep -q ready "$out"
  inner="$(awk '/^ready/ {print $2}' "$out")"
  made="$(awk '/^netns/ {print $2}' "$out")"
  [ "$(wc -w <<<"$made")" -eq 3 ] || fail "the $mode child reported namespaces '$made', not a hub and two hosts"
  for ns in $made; do
    case $ns in "cs351t$inner-"*) ;; *) fail "the $mode child reported $ns, outside its prefix" ;; esac
    exists "$ns" || fail "the $mode child's namespace $ns is missing while it lives"
  done
  case $mode in fail) echo go >&"$go" ;; term) kill -TERM "$inner" ;; kill) kill -KILL "$inner" ;; esac
  exec {go}>&-
  wait "$pid" && fail "the $mode child exited 0"
  [ "$mode" != kill ] || netns_sweep_orphans
  for ns in $made; do ! exists "$ns" || fail "the $mode child left namespace $ns"; done
  gone "$inner" || fail "the $mode child left namespaces: $(ip netns list | grep "^cs351t$inner-")"
  rm -rf "$(awk '/^ready/ {print $3}' "$out")"  # kept by the child, as a failed test's is
done
no_sleepers() { ! pgrep -f "^sleep 300 0.$$\$" >/dev/null; }
wait_for no_sleepers
