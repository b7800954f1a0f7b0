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
  cp -r "$ROOT/lib" "$ROOT/cli" "$ROOT/src" "$ROOT/docs" "$T/src/"
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

fresh; echo '#include "../autograde/queue.h"' >>"$T/src/lib/cs351/core/text.cpp"
expect_problem "relative include (the path)" 'relative include "../autograde/queue.h" (it is cs351/autograde/queue.h)'
expect_problem "relative include (the arrow)" "core may not include cs351/autograde/queue.h"

fresh; echo '#include "../../../cli/output.h"' >>"$T/src/lib/cs351/gradescope/check.cpp"
expect_problem "relative include of cli" "lib/ includes cli/output.h"

# plant FILE TEXT: a fresh copy with the line TEXT appended to lib/cs351/FILE.
plant() { fresh; printf '%s\n' "$2" >>"$T/src/lib/cs351/$1"; }
plant usage/query.cpp 'const char* k_q = "SELECT 1 FROM usage_sessions s, people p";'
expect_problem "cross-module SQL (comma join)" "SQL names people, a table of roster"
plant mail/outbox.cpp 'const char* k_q = "SELECT name FROM main.people";'
expect_problem "cross-module SQL (schema-qualified)" "SQL names people, a table of roster"
plant mail/outbox.cpp 'const char* k_q = "SELECT name FROM \"people\" WHERE id = ?";'
expect_problem "cross-module SQL (quoted name)" "SQL names people, a table of roster"
plant mail/outbox.cpp 'const char* k_table = "enrollments";'
expect_problem "cross-module SQL (table in its own literal)" "SQL names enrollments, a table of roster"

plant core/text.cpp 'void f() { std::cerr << 1; }'
expect_problem "printing in lib" "std::cerr in lib/"
plant core/text.cpp 'void f() { fprintf(stderr, "x"); }'
expect_problem "fprintf to stderr in lib" "fprintf( in lib/"
plant core/text.cpp 'void f() { std::abort(); }'
expect_problem "abort in lib" "std::abort( in lib/"
plant core/text.cpp 'void f() { exit(3); }'
expect_problem "exit in lib" "exit( in lib/"
plant autograde/sandbox.cpp 'void f() { _exit(1); }'
expect_problem "_exit outside the forked child's file" "autograde/sandbox.cpp"

plant auth/eligibility.cpp 'const char* k_m = "give --force to remove it";'
expect_problem "a flag in a library message" "the message names the flag --force"

# plant_cli FILE TEXT: a fresh copy with the line TEXT appended to FILE (under cli/ or src/).
plant_cli() { fresh; printf '%s\n' "$2" >>"$T/src/$1"; }
plant_cli cli/commands/roster.cpp 'void f() { std::cout << 1; }'
expect_problem "std::cout outside the terminal seam" "cli/commands/roster.cpp:"
plant_cli cli/output.cpp 'void f() { std::cerr << 1; }'
expect_problem "std::cerr outside the terminal seam" "std::cerr outside the terminal seam"
plant_cli cli/commands/magic_link.cpp 'void f(std::string& s) { std::getline(std::cin, s); }'
expect_problem "std::cin outside the terminal seam" "std::cin outside the terminal seam"
plant_cli cli/naming.cpp 'bool f() { return isatty(2) == 1; }'
expect_problem "isatty outside the terminal seam" "isatty outside the terminal seam"
plant_cli cli/commands/report.cpp 'void f() { std::printf("x"); }'
expect_problem "printf outside the terminal seam" "std::printf outside the terminal seam"
plant_cli src/main.cpp 'void f() { puts("x"); }'
expect_problem "puts in src/" "src/main.cpp:"
plant_cli cli/commands/help.cpp 'void f() { fprintf(stderr, "x"); }'
expect_problem "fprintf to stderr outside the seam" "fprintf outside the terminal seam"
plant autograde/worker.cpp 'void f() { std::this_thread::sleep_for(std::chrono::seconds(1)); }'
expect_problem "the worker sleeping past its Sleeper" "this_thread::sleep_for reads the clock or sleeps directly"
plant autograde/run_lease.cpp 'auto g() { return std::chrono::steady_clock::now(); }'
expect_problem "the lease reading the clock past its Clock" "steady_clock::now reads the clock or sleeps directly"

fresh; sed -i 's/^core  .*/core         autograde/' "$T/src/tests/architecture/modules.txt"
python3 "$CHECK" --root "$T/src" --write >/dev/null || true
expect_problem "modules.txt with a cycle" "a cycle, not a layering: core -> autograde -> core"

fresh; echo 'auth/send.cpp mail_outbox  once queried directly' >>"$T/src/tests/architecture/table_reads.txt"
expect_problem "stale allow-list line" "no longer names mail_outbox"

fresh; sed -i 's/^auth  .*/auth         roster store core/' "$T/src/tests/architecture/modules.txt"
expect_problem "docs out of date" "the module table is stale"
