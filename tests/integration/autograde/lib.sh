# Shared set-up of the autograde integration tests. Source after ../lib.sh.
HERE="$CS351_SOURCE_DIR/tests/integration/autograde"
mkdir -p "$XDG_CONFIG_HOME/cs351" "$T/sub"
echo 'print("hi")' > "$T/sub/main.py"  # a one-file submission

# write_config <<TOML: the config file; stdin continues the [autograde] table
# (which polls fast for tests) and adds the assignments.
write_config() {
  { printf '[autograde]\npoll_interval = "50ms"\n'; cat; } > "$XDG_CONFIG_HOME/cs351/config.toml"
}

# grader_log: gathers into $GRADER_LOG, in time order, the start/end lines record_grader.sh
# printed into every run's log (the sandbox lets a grader write nowhere else).
GRADER_LOG="$T/grader.log"
grader_log() {
  cs351 autograde list --format json --limit 1000 | json '"\n".join(str(r["run_id"]) for r in d)' |
    while read -r id; do cs351 autograde status "$id" | json 'd["log"]'; done |
    grep -E '^(start|end) ' | sort -k4,4n >"$GRADER_LOG"
}
