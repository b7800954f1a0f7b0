#!/usr/bin/env bash
# The binary's conventions: init, config origins, global options anywhere, exit codes.
source "$(dirname "$0")/lib.sh"

# init creates store and commented config, and is safe to re-run.
run cs351 init
expect_rc 0
expect_contains "$OUT" "$XDG_DATA_HOME/cs351/cs351.db"
expect_contains "$OUT" "(created)"
[ -f "$XDG_CONFIG_HOME/cs351/config.toml" ] || fail "config not written"
grep -q '^# path = ' "$XDG_CONFIG_HOME/cs351/config.toml" || fail "config lacks commented defaults"
# ... and a fresh bridge token: 32 random bytes in base64url, different for every init.
grep -Eq '^token = "[A-Za-z0-9_-]{43}"$' "$XDG_CONFIG_HOME/cs351/config.toml" || fail "init wrote no 43-character token: $(grep token "$XDG_CONFIG_HOME/cs351/config.toml")"
FIRST=$(grep '^token = ' "$XDG_CONFIG_HOME/cs351/config.toml")
XDG_CONFIG_HOME="$T/other" cs351 init >/dev/null
[ "$(grep '^token = ' "$T/other/cs351/config.toml")" != "$FIRST" ] || fail "two inits wrote the same token"
run cs351 init
expect_rc 0
expect_contains "$OUT" "(kept)"

# config show: flag > env > file > default, with origins.
printf '[store]\npath = "%s/file.db"\n' "$T" > "$XDG_CONFIG_HOME/cs351/config.toml"
run cs351 config show --format json
expect_eq "$(echo "$OUT" | json '[s["origin"] for s in d if s["key"]=="store.path"][0]')" "file"
CS351_STORE_PATH="$T/env.db" run cs351 config show --format json
expect_eq "$(echo "$OUT" | json '[s["value"] for s in d if s["key"]=="store.path"][0]')" "$T/env.db"
CS351_STORE_PATH="$T/env.db" run cs351 --db "$T/flag.db" config show --format json
expect_eq "$(echo "$OUT" | json '[s["origin"] for s in d if s["key"]=="store.path"][0]')" "flag"

# Global options work after the subcommand too.
run cs351 course add C1 --db "$T/after.db" --format json
expect_rc 0
[ -f "$T/after.db" ] || fail "--db after the subcommand was ignored"
run cs351 course list --format json --db "$T/after.db"
expect_eq "$(echo "$OUT" | json 'd[0]["code"]')" "C1"

# Usage errors exit 2 with one clear line, never CLI11's own codes.
for args in "bogus" "course add" "roster import" "course list --format xml" "--color purple course list" "roster import x.csv --course C1 --role wizard"; do
  run cs351 $args
  expect_rc 2 "cs351 $args"
  expect_contains "$ERR" "cs351: error:"
done
run cs351 --help
expect_rc 0
expect_contains "$OUT" "Examples:"

# help exit-codes documents every code.
run cs351 help exit-codes
for code in 0 1 2 65 69 75 77 78 130; do expect_contains "$OUT" " $code  "; done

# Malformed config: exit 78 naming file:line.
printf '[store\npath = 1\n' > "$T/bad.toml"
run cs351 --config "$T/bad.toml" course list
expect_rc 78
expect_contains "$ERR" "bad.toml:1:"
run cs351 --config "$T/missing.toml" course list
expect_rc 78

# A store from a newer binary is refused (78) and not modified.
sqlite3 "$T/after.db" "UPDATE schema_version SET version = 99 WHERE component = 'roster'"
before=$(sha256sum "$T/after.db" | cut -d' ' -f1)
run cs351 --db "$T/after.db" course list
expect_rc 78
expect_contains "$ERR" "newer cs351"
expect_eq "$(sha256sum "$T/after.db" | cut -d' ' -f1)" "$before" "store checksum"

# Piped output defaults to CSV; a TTY gets a table; NO_COLOR keeps warnings plain.
run cs351 --db "$T/t.db" course add C2 --name "Two"
run cs351 --db "$T/t.db" course list
expect_contains "$OUT" "code,name,term,timezone,active"
if command -v script >/dev/null; then
  tty_out=$(script -qfec "$CS351_BIN --db $T/t.db course list" /dev/null)
  expect_contains "$tty_out" "code  name"
fi
printf '[stor]\npath = 1\n' > "$T/unknown.toml"
NO_COLOR=1 run cs351 --config "$T/unknown.toml" --db "$T/t.db" course list --color always
expect_contains "$ERR" "unknown setting 'stor.path'"

# Course activate/deactivate are idempotent.
run cs351 --db "$T/t.db" course deactivate C2
expect_contains "$ERR" "deactivated"
run cs351 --db "$T/t.db" course deactivate C2
expect_contains "$ERR" "already inactive"
run cs351 --db "$T/t.db" course list --format json
expect_eq "$(echo "$OUT" | json 'd[0]["active"]')" "False"
run cs351 --db "$T/t.db" course activate NOPE
expect_rc 65
run cs351 --db "$T/t.db" course add C3 --timezone Mars/Olympus
expect_rc 2
echo "ok"
