#!/usr/bin/env bash
# `cmake --install` gives a working install: the binary (naming its commit), man pages that
# `man` finds and renders, and completion scripts where bash, zsh and fish look for them.
source "$(dirname "$0")/lib.sh"
: "${CS351_BUILD_DIR:?run through ctest}"
P="$T/prefix"
cmake --install "$CS351_BUILD_DIR" --prefix "$P" >"$T/install.log" || fail "cmake --install failed: $(cat "$T/install.log")"

for f in bin/cs351 share/man/man1/cs351.1 share/man/man1/cs351-roster.1 share/man/man1/cs351-autograde.1 \
  share/bash-completion/completions/cs351 share/zsh/site-functions/_cs351 \
  share/fish/vendor_completions.d/cs351.fish; do
  [ -f "$P/$f" ] || fail "not installed: $f"
done
[ -x "$P/bin/cs351" ] || fail "bin/cs351 is not executable"

# The installed binary runs, from any directory, and names its commit.
run bash -c "cd / && '$P/bin/cs351' --version"
expect_rc 0 "installed --version"
expect_contains "$OUT" "cs351 0.1.0 (commit "
run "$P/bin/cs351" course add CS351-S26
expect_rc 0 "installed binary works"

# Outside a git checkout (a release tarball) the version says so instead of failing the build.
cmake -DSOURCE_DIR="$T" -DVERSION=0.1.0 -DOUTPUT="$T/v.h" -P "$CS351_SOURCE_DIR/cli/version.cmake"
expect_eq "$(grep CS351_COMMIT "$T/v.h")" '#define CS351_COMMIT "unknown"' "version without git"

# One man page per command group, as the command list names them (hidden ones excluded).
pages=$(cd "$P/share/man/man1" && ls | sed 's/\.1$//' | sort)
expected=$( (echo cs351; "$P/bin/cs351" help | sed -n 's/^  \([a-z-]*\)  .*/cs351-\1/p') | sort)
expect_eq "$pages" "$expected" "man pages"

# man finds and renders them (MANPATH as ~/.local/share/man is found through PATH).
if command -v man >/dev/null; then
  run env MANPATH="$P/share/man" MANWIDTH=100 man -P cat cs351
  expect_rc 0 "man cs351"
  expect_contains "$OUT" "cs351-roster(1)"
  expect_contains "$OUT" "EXIT STATUS"
  run env MANPATH="$P/share/man" MANWIDTH=100 man -P cat cs351-roster
  expect_rc 0 "man cs351-roster"
  expect_contains "$OUT" "cs351 roster export"
  expect_contains "$OUT" "--format csv|json|gradescope"
  expect_contains "$OUT" "Header aliases" "the docs page in the man page"
  # As after `cmake --install build --prefix ~/.local`: bin on PATH is enough for man-db.
  run env -u MANPATH PATH="$P/bin:/usr/bin:/bin" MANWIDTH=100 man -P cat cs351-course
  expect_rc 0 "man cs351-course through PATH"
  expect_contains "$OUT" "cs351 course add"
  # No roff warnings (unknown requests, bad escapes).
  for page in "$P"/share/man/man1/*.1; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l -P cat "$page" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "$page: $warnings"
  done
fi

# The installed bash completion works with the installed binary.
got=$(PATH="$P/bin:$PATH" bash -c 'source "$1"; COMP_WORDS=(cs351 rost); COMP_CWORD=1; _cs351; echo "${COMPREPLY[*]}"' _ \
  "$P/share/bash-completion/completions/cs351")
expect_eq "$got" "roster" "installed bash completion"
