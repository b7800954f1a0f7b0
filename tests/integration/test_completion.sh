#!/usr/bin/env bash
# Shell completion: the bash script exercised for real (sourced into bash, COMP_WORDS set, the
# function called, COMPREPLY checked), candidates from the command tree and from the store;
# zsh and fish scripts syntax-checked (and fish run) when those shells are installed.
source "$(dirname "$0")/lib.sh"
export CS351_DB="$T/store.db"
BIN_DIR="$T/bin"
mkdir -p "$BIN_DIR"
ln -s "$CS351_BIN" "$BIN_DIR/cs351"
export PATH="$BIN_DIR:$PATH"

# Before any store exists, completion offers no courses and creates no store.
cs351 completion bash >"$T/cs351.bash"
complete_bash() {  # complete_bash WORD...: the replies for the last word, one per line
  bash -c 'source "$1"; shift; COMP_WORDS=(cs351 "$@"); COMP_CWORD=$#; _cs351; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$T/cs351.bash" "$@"
}
expect_eq "$(complete_bash roster list --course '')" "" "courses before the store exists"
[ ! -e "$CS351_DB" ] || fail "completion created the store"

cs351 course add CS351-S26 --name "Cloud Computing" 2>/dev/null
cs351 course add CS352-F26 2>/dev/null
cs351 assignments add hw1 --course CS351-S26 2>/dev/null
cs351 assignments add "Lab 2" --course CS352-F26 2>/dev/null

expect_eq "$(complete_bash ros)" "roster" "a command"
expect_eq "$(complete_bash roster im)" "import" "a verb"
expect_eq "$(complete_bash roster list --co)" "--course
--config
--columns
--color" "options (the command's, then the global ones)"
expect_eq "$(complete_bash roster list --course '')" "CS351-S26
CS352-F26" "course codes from the store"
expect_eq "$(complete_bash roster list --course CS352)" "CS352-F26" "a course code prefix"
expect_eq "$(complete_bash course activate '')" "CS351-S26
CS352-F26" "a CODE positional"
expect_eq "$(complete_bash report features --course CS351-S26 --assignment '')" "hw1" "the course's assignments"
expect_eq "$(complete_bash report features --assignment La)" 'Lab\ 2' "an assignment name with a space, escaped"
expect_eq "$(complete_bash roster export --format '')" "csv
json
gradescope
table" "the command's --format choices"
expect_eq "$(complete_bash roster import x --role t)" "ta" "an option's listed choices"
expect_eq "$(complete_bash --color a)" "auto
always" "a global option's choices"
expect_eq "$(complete_bash help ex)" "exit-codes" "help topics"
expect_eq "$(complete_bash help ros)" "roster" "help COMMAND"
mkdir -p "$T/work/rosters" && touch "$T/work/rosters/fall.csv"
expect_eq "$(cd "$T/work" && complete_bash roster import rosters/f)" "rosters/fall.csv" "file names"
expect_eq "$(complete_bash __co)" "" "internal commands"

# Never drifts: the completed commands are exactly the listed ones, and every verb of
# every group completes.
listed=$(cs351 help | sed -n 's/^  \([a-z-]*\)  .*/\1/p' | sort)
expect_eq "$(complete_bash '' | sort)" "$listed" "top-level candidates vs cs351 help"
for group in $listed; do
  [ "$group" = help ] && continue
  for verb in $(cs351 __complete -- "$group" "" | grep -v '^:' | cut -f1); do
    run cs351 "$group" "$verb" --help
    expect_rc 0 "completed verb '$group $verb' exists"
  done
done

# zsh and fish: the scripts parse; fish also answers.
if command -v zsh >/dev/null; then
  cs351 completion zsh >"$T/_cs351"
  zsh -n "$T/_cs351" || fail "zsh completion does not parse"
  head -1 "$T/_cs351" | grep -qx '#compdef cs351' || fail "zsh script lacks #compdef"
fi
if command -v fish >/dev/null; then
  cs351 completion fish >"$T/cs351.fish"
  fish --no-execute "$T/cs351.fish" || fail "fish completion does not parse"
  got=$(HOME="$T/home" fish -c "source $T/cs351.fish; complete -C 'cs351 roster list --course CS351'" | cut -f1)
  expect_eq "$got" "CS351-S26" "fish completes course codes"
fi
