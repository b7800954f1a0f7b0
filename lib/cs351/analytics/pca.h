#pragma once
// The first principal components of a (centred) matrix, for the scatter plot.

#include <vector>

#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

// Scores of each row on the first `count` principal components (rows x count),
// by power iteration with deflation on the covariance matrix. Deterministic:
// each axis is signed so its largest loading is positive. A column of zeros
// scores 0 where the data has fewer dimensions than `count`.
Matrix principal_scores(const Matrix& centred, std::size_t count);

}  // namespace cs351::analytics
