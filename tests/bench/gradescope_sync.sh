#!/usr/bin/env bash
# Benchmark: a full `gradescope sync` of a synthetic course (400 students, 20
# assignments) against the fake Gradescope on loopback, min_interval_ms=0.
# Reports requests per sync and the median wall time of RUNS fresh syncs and
# RUNS re-syncs (nothing changed).
# Usage: tests/bench/gradescope_sync.sh BUILD_DIR [RUNS]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(cd "${1:?usage: gradescope_sync.sh BUILD_DIR [RUNS]}" && pwd)/src/cs351"
RUNS="${2:-5}"
T="$(mktemp -d "${TMPDIR:-/tmp}/cs351-bench-sync.XXXXXX")"
python3 "$SRC/tests/integration/gradescope/fake_gradescope.py" --fixtures "$SRC/fixtures/gradescope" \
  --port-file "$T/port" --synthetic 400,20 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$T"' EXIT
until [ -s "$T/port" ]; do sleep 0.05; done
URL="http://127.0.0.1:$(cat "$T/port")"
export HOME="$T" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" CS351_GRADESCOPE_BASE_URL="$URL" \
  CS351_GRADESCOPE_MIN_INTERVAL_MS=0 CS351_GRADESCOPE_EMAIL=ta@example.edu GRADESCOPE_PASSWORD="correct horse battery staple"
requests() { python3 -c "import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1]))['requests'])" "$URL/__stats"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$BIN" gradescope login </dev/null 2>/dev/null
fresh=() resync=()
for i in $(seq "$RUNS"); do
  export CS351_DB="$T/run$i.db"
  "$BIN" course add BENCH --timezone America/New_York 2>/dev/null
  "$BIN" course link BENCH 2002 2>/dev/null
  before=$(requests)
  start=$(date +%s%N)
  "$BIN" gradescope sync >"$T/fresh.out" 2>/dev/null
  fresh+=("$(( ($(date +%s%N) - start) / 1000000 ))")
  fresh_requests=$(( $(requests) - before ))
  before=$(requests)
  start=$(date +%s%N)
  "$BIN" gradescope sync >"$T/resync.out" 2>/dev/null
  resync+=("$(( ($(date +%s%N) - start) / 1000000 ))")
  resync_requests=$(( $(requests) - before ))
done
echo "fresh sync:  $(cat "$T/fresh.out")"
echo "re-sync:     $(cat "$T/resync.out")"
printf 'fresh sync  requests %s  median wall %s ms over %s runs\n' "$fresh_requests" "$(printf '%s\n' "${fresh[@]}" | median)" "$RUNS"
printf 're-sync     requests %s  median wall %s ms over %s runs\n' "$resync_requests" "$(printf '%s\n' "${resync[@]}" | median)" "$RUNS"
