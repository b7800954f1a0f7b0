#!/usr/bin/env bash
# The architecture test can fail: on a copy of the source, each planted violation
# must be reported (exit 1, with its message) and the clean copy must pass.
set -euo pipefail
ROOT=$1
CHECK=$ROOT/tests/architecture/check_architecture.py
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fresh() {
  rm -rf "$T/src" && mkdir -p "$T/src/tests"
  cp -r "$ROOT/lib" "$ROOT/cli" "$ROOT/docs" "$T/src/"
  cp -r "$ROOT/tests/architecture" "$T/src/tests/"
}

# expect_problem NAME MESSAGE: the check fails and says MESSAGE.
expect_problem() {
  local out rc=0
  out=$(python3 "$CHECK" --root "$T/src" 2>&1) || rc=$?
  if [[ $rc -ne 1 || $out != *"$2"* ]]; then
    echo "FAIL $1: rc=$rc, wanted '$2' in:"; echo "$out"; exit 1
  fi
  echo "ok   $1"
}

fresh
python3 "$CHECK" --root "$T/src" >/dev/null || { echo "FAIL: the clean copy does not pass"; exit 1; }
echo "ok   clean copy passes"

fresh; echo '#include "cli/context.h"' >>"$T/src/lib/cs351/roster/email.cpp"
expect_problem "lib includes cli" "lib/ includes cli/context.h"

fresh; echo '#include "cs351/auth/send.h"' >>"$T/src/lib/cs351/roster/email.cpp"
expect_problem "forbidden arrow" "roster may not include cs351/auth/send.h"

fresh; echo '#include "cs351/registry.h"' >>"$T/src/lib/cs351/mail/outbox.cpp"
expect_problem "registry from a module" "mail may not include cs351/registry.h"

fresh; printf '%s\n' 'const char* k_q = "SELECT 1 FROM "' '    "magic_links";' >>"$T/src/lib/cs351/roster/email.cpp"
expect_problem "cross-module SQL (split literal)" "SQL names magic_links, a table of auth"

fresh; echo 'void f() { std::cerr << 1; }' >>"$T/src/lib/cs351/core/text.cpp"
expect_problem "printing in lib" "std::cerr in lib/"

fresh; echo 'auth/send.cpp mail_outbox  once queried directly' >>"$T/src/tests/architecture/table_reads.txt"
expect_problem "stale allow-list line" "no longer names mail_outbox"

fresh; sed -i 's/^auth  .*/auth         roster store core/' "$T/src/tests/architecture/modules.txt"
expect_problem "docs out of date" "the module table is stale"
