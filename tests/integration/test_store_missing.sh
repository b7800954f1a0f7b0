#!/usr/bin/env bash
# A store that is not there is an error: a command that reads refuses it (exit 66, naming
# the path and what chose it), and no command makes a folder a typo names.
source "$(dirname "$0")/lib.sh"

# Nothing yet at the default location: reading says so and makes nothing.
run cs351 course list
expect_rc 66 "course list before any store"
expect_contains "$ERR" "no store at $XDG_DATA_HOME/cs351/cs351.db (chosen by the default location)"
expect_contains "$ERR" "'cs351 init' creates one"
[ ! -e "$XDG_DATA_HOME" ] || fail "a reading command made $XDG_DATA_HOME"

# A typo in --db: exit 66, no file, no folder.
run cs351 --db "$T/typo/cs351.db" roster list --course CS351
expect_rc 66 "roster list with a --db typo"
expect_contains "$ERR" "no store at $T/typo/cs351.db (chosen by --db)"
[ ! -e "$T/typo" ] || fail "--db typo made a folder"

# The same from CS351_DB and from the config file.
CS351_DB="$T/nope.db" run cs351 scores list --course CS351
expect_rc 66 "CS351_DB typo"
expect_contains "$ERR" "no store at $T/nope.db (chosen by CS351_DB)"
[ ! -e "$T/nope.db" ] || fail "CS351_DB typo made a store"
mkdir -p "$T/cfg"
printf '[store]\npath = "%s/from-config.db"\n' "$T" >"$T/cfg/config.toml"
run cs351 --config "$T/cfg/config.toml" usage stats
expect_rc 66 "store.path typo"
expect_contains "$ERR" "(chosen by store.path in $T/cfg/config.toml)"

# A command that writes makes the store, but not a folder the path names that is missing.
run cs351 --db "$T/missing/cs351.db" course add CS351
expect_rc 66 "course add into a missing folder"
expect_contains "$ERR" "folder $T/missing does not exist"
[ ! -e "$T/missing" ] || fail "course add made a folder"
run cs351 --db "$T/here.db" course add CS351
expect_rc 0 "course add into an existing folder"
[ -f "$T/here.db" ] || fail "course add made no store"
run cs351 --db "$T/here.db" course list --format csv
expect_rc 0 "course list of the new store"
expect_contains "$OUT" "CS351"

# init makes the store and its folders, and says so.
run cs351 --db "$T/srv/cs351/cs351.db" init
expect_rc 0 "init with new folders"
expect_contains "$OUT" "store:  $T/srv/cs351/cs351.db (created)"
expect_eq "$(stat -c %a "$T/srv/cs351")" 700 "mode of a folder init made"
run cs351 --db "$T/srv/cs351/cs351.db" init
expect_contains "$OUT" "store:  $T/srv/cs351/cs351.db (kept)"
run cs351 --db "$T/srv/cs351/cs351.db" course list
expect_rc 0 "course list after init"
