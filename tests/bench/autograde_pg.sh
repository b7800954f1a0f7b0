#!/usr/bin/env bash
# Runs bench_autograde_pg against a throwaway PostgreSQL cluster on loopback (the one the
# integration tests use: tests/integration/postgres.sh), then removes it.
#   tests/bench/autograde_pg.sh BUILD_DIR [bench_autograde_pg flags...]
set -euo pipefail
BUILD="$(cd "${1:?usage: autograde_pg.sh BUILD_DIR [flags]}" && pwd)"
shift
export CS351_BIN="$BUILD/src/cs351" CS351_SOURCE_DIR
CS351_SOURCE_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
source "$CS351_SOURCE_DIR/tests/integration/lib.sh"
source "$CS351_SOURCE_DIR/tests/integration/postgres.sh"
start_postgres
"$BUILD/tests/bench/bench_autograde_pg" --url "$PG_URL" --dir "$T/bench" "$@"
