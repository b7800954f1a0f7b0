#pragma once
// Greedy k-means++ seeding (scikit-learn's `_kmeans_plusplus`): the first
// centre uniformly, then each next centre is the best of 2 + floor(ln k)
// candidates drawn with probability proportional to their potential (squared
// Euclidean distance for k-means, Manhattan distance for k-medians) to the
// closest centre so far; "best" = smallest total potential afterwards.

#include "cs351/analytics/matrix.h"
#include "cs351/analytics/random.h"

namespace cs351::analytics {

enum class Potential { squared_euclidean, manhattan };

Matrix greedy_seed(const Matrix& x, std::size_t k, Potential potential, Random& rng);

}  // namespace cs351::analytics
