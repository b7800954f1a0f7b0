# Throwaway PostgreSQL cluster for tests: source after lib.sh, then `start_postgres`.
# initdb in a temp dir, a port of its own, trust authentication on loopback only; stopped when the
# test exits. PostgreSQL refuses to run as root, so as root the cluster belongs to Debian's
# `postgres` user. Sets PG_PORT, PG_DATA and PG_URL (postgresql://cs351@127.0.0.1:PORT/cs351).
# With a NETNS (tests/integration/netns.sh) the server runs inside that network namespace.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

pg_as_owner() {
  local in_netns=()
  [ -z "${PG_NETNS:-}" ] || in_netns=(ip netns exec "$PG_NETNS")
  if [ "$(id -u)" -eq 0 ]; then "${in_netns[@]}" runuser -u postgres -- "$@"; else "$@"; fi
}

# require_postgres: skip the test (ctest SKIP_RETURN_CODE 77) when the server is not installed.
require_postgres() {
  [ -x "$PG_BIN/initdb" ] || { echo "SKIP: PostgreSQL server not installed ($PG_BIN)"; exit 77; }
}

# start_postgres [LISTEN_ADDRESS [NETNS]]: start a new cluster; LISTEN_ADDRESS defaults to
# 127.0.0.1, NETNS to this shell's network namespace.
start_postgres() {
  require_postgres
  local address="${1:-127.0.0.1}"
  PG_ADDRESS="$address" PG_NETNS="${2:-}"
  PG_DATA="$(mktemp -d "${TMPDIR:-/tmp}/cs351-pg.XXXXXX")"
  chmod 0700 "$PG_DATA"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_DATA"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA/data" -U cs351 --auth=trust -E UTF8 --no-sync \
    >"$T/initdb.log" 2>&1 || fail "initdb failed: $(cat "$T/initdb.log")"
  printf 'local all all trust\nhost all all %s/32 trust\n' "$address" >"$PG_DATA/hba.conf"
  [ "$address" = "127.0.0.1" ] || printf 'host all all 0.0.0.0/0 trust\n' >>"$PG_DATA/hba.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_DATA/hba.conf"
  pg_start_on_unused_port "$address"
  pg_as_owner "$PG_BIN/createdb" -h "$address" -p "$PG_PORT" -U cs351 cs351 \
    || fail "createdb failed"
  PG_URL="postgresql://cs351@$address:$PG_PORT/cs351"
  on_exit stop_postgres
}

# stop_postgres: stop and remove the cluster (done when the test exits).
stop_postgres() {
  [ -n "${PG_DATA:-}" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
}

# pg_ctl_start ADDRESS: (re)start the cluster made by start_postgres on PG_PORT; waits until it
# accepts.
pg_ctl_start() { pg_try_start "$1" || fail "PostgreSQL did not start: $(tail -5 "$PG_DATA/server.log")"; }

pg_try_start() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -w -t 30 -l "$PG_DATA/server.log" start \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=$1 -c hba_file=$PG_DATA/hba.conf -c fsync=off" \
    >/dev/null
}

# pg_start_on_unused_port ADDRESS: PostgreSQL cannot bind port 0 and report the port it got, so
# it is started on a port the kernel just called unused; when another test's server took that
# port in between (ctest -j), it is started again on a new one.
pg_start_on_unused_port() {
  local attempt seen
  for attempt in 1 2 3 4 5; do
    PG_PORT="$(unused_port)"
    seen="$(wc -l 2>/dev/null <"$PG_DATA/server.log" || echo 0)"
    pg_try_start "$1" && return 0
    tail -n "+$((seen + 1))" "$PG_DATA/server.log" | grep -q "Address already in use" || break
  done
  fail "PostgreSQL did not start (attempt $attempt): $(tail -5 "$PG_DATA/server.log")"
}

# restart_postgres: stop immediately (as a crash would) and start again on the same address.
restart_postgres() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m immediate stop >/dev/null
  pg_ctl_start "${1:-$PG_ADDRESS}"
}
