#include "cs351/analytics/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cs351::analytics {

ColumnScale column_scale(const Matrix& x) {
  ColumnScale s{std::vector<double>(x.cols(), 0.0), std::vector<double>(x.cols(), 0.0)};
  if (x.rows() == 0) return s;
  const double n = static_cast<double>(x.rows());
  for (std::size_t j = 0; j < x.cols(); ++j) {
    const auto col = x.column(j);
    const double mean = std::accumulate(col.begin(), col.end(), 0.0) / n;
    double ss = 0.0;
    for (double v : col) ss += (v - mean) * (v - mean);
    s.mean[j] = mean;
    s.stddev[j] = std::sqrt(ss / n);
  }
  return s;
}

Matrix standardize(const Matrix& x, const ColumnScale& scale) {
  Matrix z(x.rows(), x.cols());
  for (std::size_t i = 0; i < x.rows(); ++i) {
    for (std::size_t j = 0; j < x.cols(); ++j) {
      z.at(i, j) = scale.stddev[j] > 0.0 ? (x.at(i, j) - scale.mean[j]) / scale.stddev[j] : 0.0;
    }
  }
  return z;
}

std::vector<double> average_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t i = start; i < end; ++i) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

std::optional<double> spearman(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size() || a.size() < 3) return std::nullopt;
  const auto ra = average_ranks(a), rb = average_ranks(b);
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n,
               mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  if (saa == 0.0 || sbb == 0.0) return std::nullopt;
  return sab / std::sqrt(saa * sbb);
}

}  // namespace cs351::analytics
