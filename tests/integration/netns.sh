# Network namespaces as "hosts" for multi-host tests. Source after lib.sh.
#
#   netns_require            skip the test (exit 77) saying why, where namespaces cannot be made
#   netns_hosts NAME...      one namespace per NAME, all wired to one switch (a bridge in a hub
#                            namespace), each with an address in a private /24 that no route of
#                            this machine uses; loopback up everywhere. Sets NETNS[NAME] (the
#                            namespace) and ADDR[NAME] (its IPv4 address).
#   on_host NAME CMD...      run CMD inside host NAME (same filesystem, its own network)
#   link_down NAME, link_up NAME
#                            unplug / plug back host NAME's cable at the switch: the host keeps
#                            its address, packets to and from it are dropped, as on a real cut
#
# Everything is made inside namespaces named cs351t<PID>-*, created by this shell: nothing is
# added to the machine's own network. At exit (pass, fail, Ctrl-C, SIGTERM) the processes left in
# them are killed and the namespaces deleted; namespaces of a test that was SIGKILLed (its PID is
# gone) are deleted by the next test that calls netns_hosts.

NETNS_PREFIX="cs351t$$-"
declare -A NETNS=() ADDR=()

netns_require() {
  command -v ip >/dev/null || { echo "SKIP: no 'ip' command (iproute2)"; exit 77; }
  [ "$(id -u)" -eq 0 ] || { echo "SKIP: network namespaces need root (running as uid $(id -u))"; exit 77; }
  local probe="${NETNS_PREFIX}probe" why
  if ! why="$(ip netns add "$probe" 2>&1)"; then
    echo "SKIP: cannot create a network namespace (no CAP_NET_ADMIN?): $why"
    exit 77
  fi
  if ! why="$(ip -n "$probe" link add v0 type veth peer name v1 2>&1)"; then
    ip netns del "$probe"
    echo "SKIP: cannot create a veth pair: $why"
    exit 77
  fi
  ip netns del "$probe"
}

# netns_free_subnet: prints A.B.C (of A.B.C.0/24) in 10.0.0.0/8 overlapping no route or
# address of this machine's network (so a leaked address could never shadow a real one).
netns_free_subnet() {
  ip -j -4 route show table all | python3 -c '
import ipaddress, json, random, sys
used = [ipaddress.ip_network(r["dst"], strict=False) for r in json.load(sys.stdin)
        if r.get("dst", "default") != "default"]
for _ in range(1000):
    net = ipaddress.ip_network(f"10.{random.randint(64, 254)}.{random.randint(0, 255)}.0/24")
    if not any(net.overlaps(u) for u in used):
        print(str(net.network_address).rsplit(".", 1)[0])
        sys.exit(0)
sys.exit("no free 10.x.y.0/24")'
}

# netns_delete PREFIX: kill what runs in the namespaces named PREFIX*, then delete them.
netns_delete() {
  local ns
  for ns in $(ip netns list | awk '{print $1}' | grep "^$1" || true); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}

# netns_sweep_orphans: namespaces of earlier tests whose shell no longer exists.
netns_sweep_orphans() {
  local pid
  for pid in $(ip netns list | sed -n 's/^cs351t\([0-9]*\)-.*/\1/p' | sort -u); do
    kill -0 "$pid" 2>/dev/null || netns_delete "cs351t$pid-"
  done
}

netns_hosts() {
  netns_sweep_orphans
  on_exit 'netns_delete "$NETNS_PREFIX"'
  local hub="${NETNS_PREFIX}hub" subnet name i=1
  subnet="$(netns_free_subnet)" || fail "no free private subnet"
  ip netns add "$hub"
  ip -n "$hub" link add br0 type bridge
  ip -n "$hub" link set br0 up
  for name in "$@"; do
    NETNS[$name]="${NETNS_PREFIX}$name"
    ADDR[$name]="$subnet.$i"
    ip netns add "${NETNS[$name]}"
    ip -n "${NETNS[$name]}" link set lo up
    ip -n "$hub" link add "p-$name" type veth peer name eth0 netns "${NETNS[$name]}"
    ip -n "$hub" link set "p-$name" master br0 up
    ip -n "${NETNS[$name]}" addr add "${ADDR[$name]}/24" dev eth0
    ip -n "${NETNS[$name]}" link set eth0 up
    i=$((i + 1))
  done
}

on_host() {
  local name="$1"
  shift
  ip netns exec "${NETNS[$name]:?unknown host $name}" "$@"
}

link_down() { ip -n "${NETNS_PREFIX}hub" link set "p-$1" down; }
link_up() { ip -n "${NETNS_PREFIX}hub" link set "p-$1" up; }
