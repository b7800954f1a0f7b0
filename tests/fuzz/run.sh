#!/usr/bin/env bash
# Fuzzes every target for SECONDS each, starting from its seed corpus and regression inputs;
# new inputs go to a scratch copy (the repository's corpus is only read). A crash leaves
# crash-* files in WORK and fails the script. See docs/fuzzing.md.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [WORK]
set -euo pipefail
build=$(cd "$1" && pwd) seconds=$2 work=${3:-$(mktemp -d)}
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for corpus in "$here"/corpus/*/; do
  target=$(basename "$corpus")
  mkdir -p "$work/$target"
  cp -r "$corpus". "$work/$target/"
  inputs=("$work/$target")
  [ -d "$here/regressions/$target" ] && inputs+=("$here/regressions/$target")
  folder=$(awk -v t="$target" '$1 == t {print $2}' "$here/fixture_seeds.txt")
  [ -z "$folder" ] || inputs+=("$here/../../fixtures/$folder")
  echo "== fuzz_$target for ${seconds}s"
  (cd "$work" && "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "${inputs[@]}" 2>"$work/$target.log") \
    || { status=1; tail -n 60 "$work/$target.log"; }
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$work/$target.log" || true
done
exit $status
