#!/usr/bin/env bash
# The docs runner fails when an example fails: a failing command, an error the docs show that
# does not happen, a different error, an unclosed setup, a skip without a reason; and passes
# on good examples. Usage: selftest.sh SOURCE_DIR BUILD_DIR CS351_BINARY
set -euo pipefail
SOURCE=$1 BUILD=$2 BIN=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/docs"
ln -s "$SOURCE/fixtures" "$T/fixtures"
ln -s "$SOURCE/tests" "$T/tests"
# TMPDIR: the sandboxes a failing run keeps for inspection go under $T, removed at exit.
runner() { TMPDIR="$T" python3 "$SOURCE/tests/docs/run_docs.py" --source "$T" --build "$BUILD" --cs351 "$BIN" "$@"; }
expect_failure() {  # expect_failure NAME TEXT WHAT: the runner fails naming WHAT
  printf '%s\n' "$2" >"$T/docs/$1.md"
  if out=$(runner "docs/$1.md" 2>&1); then echo "FAIL: $1 passed:"; echo "$out"; exit 1; fi
  case "$out" in *"$3"*) ;; *) echo "FAIL: $1: expected '$3' in:"; echo "$out"; exit 1 ;; esac
}

printf '%s\n' '# good' '```' '$ cs351 course add C1' 'C1: inserted' '$ cs351 course add X --timezone Mars/Base' \
  "cs351: error: unknown time zone 'Mars/Base'" '```' '<!-- docs-test: skip needs the moon -->' '```sh' 'false' '```' \
  '<!-- docs-test: setup printf "a\n" > a.txt -->' '```sh' 'grep -q a a.txt' '```' >"$T/docs/good.md"
runner docs/good.md >/dev/null || { echo "FAIL: good examples failed"; runner docs/good.md; exit 1; }

expect_failure failing $'```sh\ncs351 roster list --course NOPE\n```' "docs/failing.md:2: exit 66"
expect_failure no_error $'```\n$ cs351 course add C1\ncs351: error: nope\n```' "the docs show an error, but it exited 0"
expect_failure other_error $'```\n$ cs351 course add X --timezone Mars/Base\ncs351: error: something else entirely\n```' "the docs show 'cs351: error: something else entirely'"
expect_failure unclosed $'<!-- docs-test: setup\ntrue\n' "never closed"
expect_failure no_reason $'<!-- docs-test: skip -->\n```sh\ntrue\n```' "malformed docs-test marker"
echo "docs runner selftest: ok"
