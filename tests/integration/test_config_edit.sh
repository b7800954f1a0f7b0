#!/usr/bin/env bash
# Config people can edit: init writes no table a `cat >>` snippet would redefine;
# config set/unset edit the file in place (comments kept, 0600, unknown keys refused);
# config edit runs $EDITOR on a copy and saves it only when it is a valid config; values are
# checked against each key's declared type; config keys lists the declarations.
source "$(dirname "$0")/lib.sh"
CONFIG="$XDG_CONFIG_HOME/cs351/config.toml"

run cs351 init
expect_rc 0 "init"
# The docs' snippets (docs/cron.md teaches cat >>) append to an init-made file.
cat >>"$CONFIG" <<'TOML'
[gradescope]
email = "ta@example.edu"
TOML
run cs351 config show --format json
expect_rc 0 "config show after appending a [gradescope] snippet"
expect_eq "$(echo "$OUT" | json '[r["value"] for r in d if r["key"] == "gradescope.email"][0]')" "ta@example.edu"

# set: a new table at the end, an existing one edited in place; comments stay.
run cs351 config set ses.region us-east-2
expect_rc 0 "config set ses.region"
expect_contains "$ERR" "ses.region = us-east-2 (in $CONFIG)"
run cs351 config set gradescope.email head@example.edu
expect_rc 0 "config set gradescope.email"
grep -q '^email = "head@example.edu"$' "$CONFIG" || fail "email not replaced: $(cat "$CONFIG")"
expect_eq "$(grep -c '^email = ' "$CONFIG")" 1 "one email line"
grep -q '^# cs351 configuration (TOML).$' "$CONFIG" || fail "the header comment was lost"
expect_eq "$(stat -c %a "$CONFIG")" 600 "config mode after set"
expect_eq "$(cs351 config show --format json | json '[r["value"] for r in d if r["key"] == "ses.region"][0]')" "us-east-2"
run cs351 config set autograde.assignments.hw1.timeout 20m
expect_rc 0 "a family key"

# Unknown keys: exit 2 with the nearest known ones, nothing written.
before=$(cat "$CONFIG")
run cs351 config set gradescope.emial x@example.edu
expect_rc 2 "typo in a key"
expect_contains "$ERR" "unknown setting 'gradescope.emial'; did you mean gradescope.email"
run cs351 config set autograde.assignments.hw1.timout 5m
expect_rc 2 "typo in a family field"
expect_contains "$ERR" "autograde.assignments.hw1.timeout"
expect_eq "$(cat "$CONFIG")" "$before" "the file after refused keys"

# Values of the wrong type or out of range: exit 2 with what the key takes, nothing written.
run cs351 config set ses.max_attempts many
expect_rc 2 "a word for a whole number"
expect_contains "$ERR" "setting 'ses.max_attempts' must be a whole number from 1 to 20, got 'many'"
run cs351 config set ses.max_attempts 50
expect_rc 2 "a number out of range"
run cs351 config set autograde.isolation chroot
expect_rc 2 "a word not among the choices"
expect_contains "$ERR" "must be one of sandbox, process-group, got 'chroot'"
run cs351 config set autograde.assignments.hw1.timeout soon
expect_rc 2 "a family field of the wrong type"
expect_contains "$ERR" "must be a duration such as 90s, 15m or 7d"
expect_eq "$(cat "$CONFIG")" "$before" "the file after refused values"
run cs351 config set ses.max_attempts 7
expect_rc 0 "a value in range"

# An unknown key in the file: every command warns, with the nearest declared keys.
printf '[ses]\nform = "ta@example.edu"\n' >"$T/typo.toml"
run cs351 --config "$T/typo.toml" config show --format csv
expect_rc 0 "config show with an unknown key"
expect_contains "$ERR" "$T/typo.toml: unknown setting 'ses.form'; did you mean ses.from? (ignored)"

# config keys: every declaration, typed; secrets are masked wherever values are listed.
run cs351 config keys --format csv --columns key,type,default
expect_rc 0 "config keys"
expect_contains "$OUT" "ses.max_attempts,integer,5"
expect_contains "$OUT" "autograde.assignments.NAME.timeout,duration,"
token=$(sed -n 's/^token = "\(.*\)"$/\1/p' "$CONFIG")
[ -n "$token" ] || fail "init wrote no token: $(cat "$CONFIG")"
run cs351 config show --format json
expect_not_contains "$OUT" "$token" "config show"
expect_eq "$(echo "$OUT" | json '[r["value"] for r in d if r["key"] == "autograde.token"][0]')" "********"

# unset: the line goes, the default applies again; a second unset changes nothing.
run cs351 config unset gradescope.email
expect_rc 0 "unset"
expect_not_contains "$(cat "$CONFIG")" "head@example.edu" "config after unset"
run cs351 config unset gradescope.email
expect_rc 0 "second unset"
expect_contains "$ERR" "gradescope.email was not set in $CONFIG"

# edit: an editor that appends $APPEND to the file it is given.
printf '#!/bin/sh\nprintf "%%s\\n" "$APPEND" >>"$1"\n' >"$T/append"
chmod +x "$T/append"
export EDITOR="$T/append"
before=$(cat "$CONFIG")
APPEND='[broken' run cs351 config edit
expect_rc 78 "an edit that does not parse"
expect_contains "$ERR" "was not changed, your edit is kept in $CONFIG.edit"
expect_eq "$(cat "$CONFIG")" "$before" "the file after a refused edit"
APPEND=$'[magic_link]\nmin_intervall = "1s"' run cs351 config edit
expect_rc 78 "an edit with an unknown key"
expect_contains "$ERR" "did you mean magic_link.min_interval"
APPEND=$'[magic_link]\nlogin_ttl = "0s"' run cs351 config edit
expect_rc 78 "an edit with a value out of range"
expect_contains "$ERR" "setting 'magic_link.login_ttl' must be a duration such as 90s, 15m or 7d of at least 1ms, got '0s'"
APPEND=$'[magic_link]\nmin_interval = "30s"' run cs351 config edit
expect_rc 0 "a good edit"
expect_contains "$ERR" "$CONFIG: saved"
expect_eq "$(stat -c %a "$CONFIG")" 600 "config mode after edit"
expect_eq "$(cs351 config show --format json | json '[r["value"] for r in d if r["key"] == "magic_link.min_interval"][0]')" "30s"
[ ! -e "$CONFIG.edit" ] || fail "the edit copy was left behind"
EDITOR=true run cs351 config edit
expect_contains "$ERR" "no change"
EDITOR=false run cs351 config edit
expect_rc 1 "an editor that fails"
