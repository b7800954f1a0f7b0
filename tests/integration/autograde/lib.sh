# Shared set-up of the autograde integration tests. Source after ../lib.sh.
HERE="$CS351_SOURCE_DIR/tests/integration/autograde"
mkdir -p "$XDG_CONFIG_HOME/cs351" "$T/sub"
echo 'print("hi")' > "$T/sub/main.py"  # a one-file submission

# write_config <<TOML: the config file; stdin continues the [autograde] table
# (which polls fast for tests) and adds the assignments.
write_config() {
  { printf '[autograde]\npoll_interval = "50ms"\n'; cat; } > "$XDG_CONFIG_HOME/cs351/config.toml"
}

# grader_log: the start/end lines record_grader.sh printed into every run's
# log, gathered into $GRADER_LOG for check_log.py.
GRADER_LOG="$T/grader.log"
grader_log() {
  cs351 autograde list --format json --limit 1000 | json '"\n".join(str(r["run_id"]) for r in d)' |
    while read -r id; do cs351 autograde status "$id" | json 'd["log"]'; done |
    grep -E '^(start|end) ' >"$GRADER_LOG"
}

# start_bridge CONCURRENCY: `cs351 autograde serve` on a free port (its URL in
# $URL) and one worker, both stopped when the test exits; the temp dir is
# still removed when the test passes.
start_bridge() {
  URL="http://127.0.0.1:$(free_port)"
  "$CS351_BIN" autograde serve --listen "${URL#http://}" 2>"$T/serve.err" &
  BRIDGE_PIDS=($!)
  "$CS351_BIN" autograde worker --concurrency "$1" 2>"$T/worker.err" &
  BRIDGE_PIDS+=($!)
  trap 'status=$?; kill "${BRIDGE_PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true
        if [ $status -eq 0 ] && [ $FAILED -eq 0 ]; then rm -rf "$T"; else echo "kept $T for inspection" >&2; fi' EXIT
  wait_for grep -q "listening on $URL" "$T/serve.err"
}
