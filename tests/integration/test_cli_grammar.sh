#!/usr/bin/env bash
# One grammar for every command: the command list (bare cs351, cs351 help, a group without its
# command), "did you mean" for unknown words, and help generated from the command tree: each
# group's own examples, the global options and --format choices on every command, defaults.
source "$(dirname "$0")/lib.sh"

# The command list: the same text for `cs351 help` (stdout, 0) and bare `cs351` (stderr, 2).
run cs351 help
expect_rc 0 "cs351 help"
expect_contains "$OUT" "Commands:"
expect_contains "$OUT" "  roster "
expect_not_contains "$OUT" "__complete" "the command list (internal commands are hidden)"
list="$OUT"
run cs351
expect_rc 2 "bare cs351"
expect_contains "$ERR" "$list" "bare cs351's stderr"
expect_contains "$ERR" "cs351: error: 'cs351' needs a command (listed above)"

# Every group without its command: its own list, the same wording, exit 2.
groups=$(printf '%s\n' "$list" | sed -n 's/^  \([a-z-]*\)  .*/\1/p')
[ "$(echo "$groups" | wc -l)" -ge 15 ] || fail "too few commands in the list: $groups"
for group in $groups; do
  [ "$group" = init ] && continue
  [ "$group" = help ] && continue
  run cs351 "$group"
  expect_rc 2 "cs351 $group"
  expect_contains "$ERR" "Usage: cs351 $group COMMAND [OPTIONS]" "cs351 $group"
  expect_contains "$ERR" "cs351: error: 'cs351 $group' needs a command (listed above)" "cs351 $group"
  # Its --help shows its own examples, never the top level's.
  run cs351 "$group" --help
  expect_rc 0 "cs351 $group --help"
  expect_contains "$OUT" "Examples:
  cs351 $group " "cs351 $group --help"
  expect_not_contains "$OUT" "Commands: cs351 help." "cs351 $group --help (the top-level footer)"
  # `cs351 help GROUP` is the same help.
  expect_eq "$(cs351 help "$group")" "$OUT" "cs351 help $group"
done

# Every command's help names the global options; one that prints data, its --format choices.
for group in $groups; do
  [ "$group" = help ] && continue  # `help` completes command names, not verbs of its own
  for verb in $(cs351 __complete -- "$group" "" | grep -v '^:' | cut -f1); do
    run cs351 "$group" "$verb" --help
    expect_rc 0 "cs351 $group $verb --help"
    expect_contains "$OUT" "Global options (before or after the command): --db PATH" "cs351 $group $verb --help"
  done
done
run cs351 roster export --help
expect_contains "$OUT" "Output: --format csv|json|gradescope|table (default: csv)"
run cs351 roster list --help
expect_contains "$OUT" "Output: --format table|csv|json (default: table on a terminal, csv when piped)"
run cs351 help roster import
expect_contains "$OUT" "Usage: cs351 roster import"
# Defaults are shown.
run cs351 report clusters --help
expect_contains "$OUT" "--k VALUE (default 3)"

# Unknown words: did you mean.
run cs351 rostr list
expect_rc 2 "cs351 rostr"
expect_contains "$ERR" "cs351: error: unknown command 'rostr' for 'cs351'; did you mean 'roster'?"
expect_contains "$ERR" "Run 'cs351 --help' for usage."
run cs351 roster lst --course X
expect_rc 2 "cs351 roster lst"
expect_contains "$ERR" "unknown command 'lst' for 'cs351 roster'; did you mean 'list'?"
run cs351 roster list --corse X
expect_rc 2 "--corse"
expect_contains "$ERR" "unknown option '--corse' for 'cs351 roster list'; did you mean '--course'?"
expect_contains "$ERR" "Run 'cs351 roster list --help' for usage."
run cs351 zzzzzz
expect_rc 2 "a word like no command"
expect_contains "$ERR" "unknown command 'zzzzzz' for 'cs351' (one of: init, config,"
run cs351 help rostr
expect_rc 2 "cs351 help rostr"
expect_contains "$ERR" "did you mean 'roster'?"

# --format outside a command's choices is refused with the choices.
run cs351 roster export --course X --format html
expect_rc 2 "roster export --format html"
expect_contains "$ERR" "--format html is not available here (choose csv, json, gradescope, table)"

# --version names the commit it was built from (or says it cannot).
run cs351 --version
expect_rc 0 "--version"
expect_contains "$OUT" "cs351 0.1.0 (commit "
if git -C "$CS351_SOURCE_DIR" rev-parse HEAD >/dev/null 2>&1; then
  # `git describe` text (TAG-N-gHASH or HASH, -dirty): the hash is a commit of this repository.
  commit=$(echo "$OUT" | sed -n 's/.*(commit \(.*\))$/\1/p' | sed 's/-dirty$//; s/.*-g//')
  git -C "$CS351_SOURCE_DIR" cat-file -e "$commit^{commit}" 2>/dev/null || fail "--version names no commit: $OUT"
fi
