# Shared set-up of the autograde integration tests. Source after ../lib.sh.
HERE="$CS351_SOURCE_DIR/tests/integration/autograde"
mkdir -p "$XDG_CONFIG_HOME/cs351" "$T/sub"
echo 'print("hi")' > "$T/sub/main.py"  # a one-file submission

# write_config <<TOML: the config file; stdin continues the [autograde] table
# (which polls fast for tests) and adds the assignments.
write_config() {
  { printf '[autograde]\npoll_interval = "50ms"\n'; cat; } > "$XDG_CONFIG_HOME/cs351/config.toml"
}
