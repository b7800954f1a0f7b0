#!/usr/bin/env bash
# Clustering benchmark: our k-means vs scikit-learn's KMeans, both single-threaded,
# on the same data in the same run (n=100,000, d=8, k=6, n_init=10), seeds 0..RUNS-1;
# then k-medians, and silhouette at 1,000 and 20,000 points. Prints medians.
# Usage: tests/bench/clusters.sh BUILD_DIR [RUNS]   (needs Debian's python3-sklearn)
set -euo pipefail
BUILD="${1:?usage: clusters.sh BUILD_DIR [RUNS]}"
RUNS="${2:-5}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BENCH="$BUILD/tests/bench/bench_clusters"
PY=/usr/bin/python3  # Debian's interpreter, where python3-sklearn lives
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
"$BENCH" gen "$DATA"

# median COLUMN FILE
median() { sort -g -k"$1","$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "data      what                     wall_s   cpu_s    objective (median)   best objective"
for set in blobs uniform; do
  : >"$DATA/ours" ; : >"$DATA/sk" ; : >"$DATA/kmed"
  for seed in $(seq 0 $((RUNS - 1))); do
    "$BENCH" kmeans "$DATA/$set.csv" "$seed" >>"$DATA/ours"
    "$PY" "$HERE/clusters_sklearn.py" kmeans "$DATA/$set.csv" "$seed" >>"$DATA/sk"
    "$BENCH" kmedians "$DATA/$set.csv" "$seed" >>"$DATA/kmed"
  done
  for who in ours sk kmed; do
    name=$([ $who = ours ] && echo "cs351 k-means" || ([ $who = sk ] && echo "scikit-learn KMeans" || echo "cs351 k-medians"))
    printf "%-9s %-24s %-8s %-8s %-20s %s\n" "$set" "$name" "$(median 1 "$DATA/$who")" "$(median 2 "$DATA/$who")" \
      "$(median 3 "$DATA/$who")" "$(sort -g -k3,3 "$DATA/$who" | head -1 | cut -d' ' -f3)"
  done
  ratio=$(awk -v a="$(median 2 "$DATA/sk")" -v b="$(median 2 "$DATA/ours")" 'BEGIN {printf "%.2f", a / b}')
  rel=$(awk -v a="$(median 3 "$DATA/ours")" -v b="$(median 3 "$DATA/sk")" 'BEGIN {printf "%.2e", (a - b) / b}')
  echo "$set: scikit-learn cpu / cs351 cpu = ${ratio}x; median inertia (cs351 - sklearn) / sklearn = $rel"
done

echo "points   cs351 silhouette wall_s cpu_s score      scikit-learn wall_s cpu_s score"
for n in 1000 20000; do
  : >"$DATA/sil" ; : >"$DATA/sksil"
  for _ in $(seq 1 "$RUNS"); do
    "$BENCH" silhouette "$DATA/blobs.csv" "$n" >>"$DATA/sil"
    "$PY" "$HERE/clusters_sklearn.py" silhouette "$DATA/blobs.csv" "$n" >>"$DATA/sksil"
  done
  echo "$n  $(median 1 "$DATA/sil") $(median 2 "$DATA/sil") $(head -1 "$DATA/sil" | cut -d' ' -f3)   $(median 1 "$DATA/sksil") $(median 2 "$DATA/sksil") $(head -1 "$DATA/sksil" | cut -d' ' -f3)"
done
