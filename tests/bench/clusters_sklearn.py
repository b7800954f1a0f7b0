#!/usr/bin/env python3
"""scikit-learn's side of tests/bench/clusters.sh, on the same data file.
  clusters_sklearn.py kmeans FILE [SEED]   KMeans(k=6, n_init=10, k-means++, lloyd): "wall_s cpu_s inertia iterations"
  clusters_sklearn.py silhouette FILE N    silhouette_score of a k=6 KMeans on the first N rows: "wall_s cpu_s score"
Run with OMP_NUM_THREADS=1 (the script sets it too, before numpy loads)."""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import silhouette_score  # noqa: E402

mode, path = sys.argv[1], sys.argv[2]
x = np.loadtxt(path, delimiter=",")
if mode == "kmeans":
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    wall, cpu = time.perf_counter(), time.process_time()
    km = KMeans(n_clusters=6, n_init=10, init="k-means++", algorithm="lloyd", random_state=seed).fit(x)
    print(f"{time.perf_counter() - wall:.4f} {time.process_time() - cpu:.4f} {km.inertia_:.10f} {km.n_iter_}")
elif mode == "silhouette":
    x = x[: int(sys.argv[3])]
    labels = KMeans(n_clusters=6, n_init=1, random_state=0).fit(x).labels_
    wall, cpu = time.perf_counter(), time.process_time()
    score = silhouette_score(x, labels)
    print(f"{time.perf_counter() - wall:.4f} {time.process_time() - cpu:.4f} {score:.6f}")
