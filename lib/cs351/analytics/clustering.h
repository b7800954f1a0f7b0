#pragma once
// Partitioning a matrix into k clusters: k-means (scikit-learn's semantics)
// or k-medians, best of n_init seeded restarts. Deterministic for a seed.

#include <cstdint>
#include <string>
#include <vector>

#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

enum class Algorithm { kmeans, kmedians };
const char* algorithm_name(Algorithm a);
// "kmeans" or "kmedians"; anything else is a usage Error.
Algorithm parse_algorithm(const std::string& text);

struct ClusterOptions {
  Algorithm algorithm = Algorithm::kmeans;
  std::size_t k = 3;
  int n_init = 10;
  int max_iter = 300;
  double tol = 1e-4;  // relative to the mean feature variance, as scikit-learn
  std::uint64_t seed = 0;
};

struct Clustering {
  std::vector<int> labels;  // 0..k-1, one per row
  Matrix centers;           // k rows
  // k-means: inertia (sum of squared Euclidean distances to the centre);
  // k-medians: sum of Manhattan distances to the centre.
  double objective = 0.0;
  int iterations = 0;  // of the winning run
};

// Best of `n_init` runs by objective. Throws a usage Error for k < 1 or
// n_init < 1, a data Error when there are fewer distinct rows than k (the
// result would silently have fewer than k clusters).
Clustering cluster(const Matrix& x, const ClusterOptions& options);

// Distance from row i to its own centre (Euclidean for k-means, Manhattan for k-medians).
std::vector<double> distances_to_centre(const Matrix& x, const Clustering& c, Algorithm a);

}  // namespace cs351::analytics
