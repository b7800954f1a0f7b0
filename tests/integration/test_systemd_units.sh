# The systemd units `cmake --install` ships: where they land, that `systemd-analyze verify`
# accepts them (no running systemd needed), the settings docs/install.md promises, and that
# each unit's ExecStart line, run as written (its state, config and port moved into the temp
# dir), starts a working bridge and a worker that grades what the bridge queued.
source "$(dirname "$0")/lib.sh"
: "${CS351_BUILD_DIR:?run through ctest}"
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"
P="$T/prefix"
cmake --install "$CS351_BUILD_DIR" --prefix "$P" >"$T/install.log" || fail "cmake --install failed: $(cat "$T/install.log")"
UNITS="$P/lib/systemd/system"
[ -f "$P/lib/sysusers.d/cs351.conf" ] || fail "sysusers.d/cs351.conf not installed"
grep -q '^u cs351 ' "$P/lib/sysusers.d/cs351.conf" || fail "sysusers.d does not make the user cs351"

for unit in cs351-bridge cs351-worker; do
  f="$UNITS/$unit.service"
  [ -f "$f" ] || fail "not installed: $f"
  run systemd-analyze verify --man=no "$f"
  expect_rc 0 "systemd-analyze verify $unit"
  [ -z "$ERR$OUT" ] || fail "systemd-analyze verify $unit complained: $ERR$OUT"
  for line in "User=cs351" "StateDirectory=cs351" "ConfigurationDirectory=cs351" "Restart=on-failure" \
    "ProtectSystem=strict" "NoNewPrivileges=yes" "PrivateTmp=yes" "ExecStart=$P/bin/cs351 "; do
    grep -q "^$line" "$f" || fail "$unit lacks $line"
  done
done
grep -q '^Delegate=yes' "$UNITS/cs351-worker.service" || fail "the worker unit lacks Delegate=yes"
grep -q '^ExecReload=/bin/kill -HUP $MAINPID' "$UNITS/cs351-bridge.service" || fail "the bridge unit cannot reload its certificate"

# exec_start UNIT: the unit's ExecStart as an argument list, with /var/lib/cs351, /etc/cs351
# and port 8351 replaced by 0 (the bridge reports the port it got).
exec_start() {
  sed -n 's/^ExecStart=//p' "$UNITS/$1.service" |
    sed -e "s|/var/lib/cs351|$T/state|g" -e "s|/etc/cs351|$T/etc|g" -e "s|:8351|:0|g"
}
mkdir -p "$T/state" "$T/etc"
cat >"$T/etc/config.toml" <<TOML
[autograde]
token = "units-token-$$-0123456789abcdef0123456789abcdef"
poll_interval = "50ms"
[autograde.assignments.hw1]
command = "echo '{\"score\": 7}' > \"\$CS351_RESULTS_PATH\""
TOML
read -ra bridge <<<"$(exec_start cs351-bridge)"
read -ra worker <<<"$(exec_start cs351-worker)"
expect_eq "${bridge[0]}" "$P/bin/cs351" "the bridge unit's program"
"${bridge[@]}" 2>"$T/bridge.err" &
BACKGROUND+=($!)
"${worker[@]}" 2>"$T/worker.err" &
BACKGROUND+=($!)
URL="$(listening_url "$T/bridge.err")"
expect_contains "$URL" "http://127.0.0.1:" "the bridge unit's address"
PORT="${URL##*:}"
[ -f "$T/state/cs351.db" ] || fail "the store is not in the unit's StateDirectory"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer units-token-$$-0123456789abcdef0123456789abcdef" "http://127.0.0.1:$PORT/v1/runs/1")
expect_eq "$code" 404 "the bridge unit's answer"
mkdir -p "$T/sub" && echo 'print(1)' >"$T/sub/main.py"
ag() { "$P/bin/cs351" --db "$T/state/cs351.db" --config "$T/etc/config.toml" "$@"; }
ag course add CS351 2>/dev/null
RUN=$(ag autograde enqueue --course CS351 --assignment hw1 --student a@x.edu --submission "$T/sub" | json 'd["run_id"]')
graded() { [ "$(ag autograde status "$RUN" | json 'd["status"]')" = succeeded ]; }
wait_for graded
expect_eq "$(ag autograde status "$RUN" | json 'd["score"]')" 7.0 "score graded by the worker unit"
