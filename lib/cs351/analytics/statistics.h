#pragma once
// Column statistics used by the report: z-scores (population standard
// deviation, ddof=0) and Spearman's rank correlation.

#include <optional>
#include <vector>

#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

struct ColumnScale {
  std::vector<double> mean, stddev;  // stddev 0 marks a zero-variance column
};

ColumnScale column_scale(const Matrix& x);
// (x - mean) / stddev per column; a zero-variance column becomes all 0.
Matrix standardize(const Matrix& x, const ColumnScale& scale);

// Ranks 1..n, ties get the mean of their ranks.
std::vector<double> average_ranks(const std::vector<double>& values);
// Spearman's rho (Pearson on average ranks); nullopt with fewer than 3 pairs
// or when either side is constant.
std::optional<double> spearman(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace cs351::analytics
