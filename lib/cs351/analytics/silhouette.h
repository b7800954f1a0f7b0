#pragma once
// The mean silhouette of a clustering: s(i) = (b - a) / max(a, b), a = mean
// distance to the other members of its cluster, b = smallest mean distance to
// another cluster; a point alone in its cluster scores 0.

#include <cstdint>
#include <vector>

#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

enum class Metric { euclidean, manhattan };

// Above this many rows the score is computed on a seeded uniform sample of
// this many rows (the exact score is O(n^2)).
inline constexpr std::size_t k_silhouette_sample = 5000;

// 0 when there is only one cluster.
double silhouette(const Matrix& x, const std::vector<int>& labels, Metric metric,
                  std::uint64_t seed = 0);

}  // namespace cs351::analytics
