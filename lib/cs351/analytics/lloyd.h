#pragma once
// One run of each algorithm from given starting centres (clustering.cpp picks
// the seeds and keeps the best run). Exposed for unit tests.

#include "cs351/analytics/clustering.h"

namespace cs351::analytics {

// Lloyd iterations as scikit-learn runs them (assignment sped up by Hamerly
// bounds, same labels): stop when the labels stop
// changing or when the total squared centre shift <= `tol_abs`; an empty
// cluster takes the point farthest from its centre.
Clustering kmeans_run(const Matrix& x, Matrix centers, int max_iter, double tol_abs);

// L1 assignment and coordinate-wise median update until the labels stop
// changing; an empty cluster is re-seeded from the farthest point.
Clustering kmedians_run(const Matrix& x, Matrix centers, int max_iter);

// scikit-learn's absolute tolerance: tol times the mean of the column variances.
double absolute_tolerance(const Matrix& x, double tol);

}  // namespace cs351::analytics
