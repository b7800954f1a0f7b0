#include "cs351/analytics/silhouette.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cs351/analytics/random.h"

namespace cs351::analytics {
namespace {

// Sample of `m` distinct row indices out of n (partial Fisher-Yates), sorted.
std::vector<std::size_t> sample_rows(std::size_t n, std::size_t m, std::uint64_t seed) {
  std::vector<std::size_t> index(n);
  std::iota(index.begin(), index.end(), 0);
  if (m >= n) return index;
  Random rng(seed);
  for (std::size_t i = 0; i < m; ++i) std::swap(index[i], index[i + rng.below(n - i)]);
  index.resize(m);
  std::sort(index.begin(), index.end());
  return index;
}

double exact(const Matrix& x, const std::vector<int>& labels, Metric metric) {
  const int k = *std::max_element(labels.begin(), labels.end()) + 1;
  std::vector<double> sizes(k, 0.0);
  for (int l : labels) sizes[l] += 1.0;
  double total = 0.0;
  std::vector<double> sums(k);
  for (std::size_t i = 0; i < x.rows(); ++i) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t j = 0; j < x.rows(); ++j) {
      const double dist = metric == Metric::euclidean
                              ? std::sqrt(squared_distance(x.row(i), x.row(j), x.cols()))
                              : manhattan_distance(x.row(i), x.row(j), x.cols());
      sums[labels[j]] += dist;
    }
    const int own = labels[i];
    if (sizes[own] <= 1.0) continue;  // a singleton scores 0
    const double a = sums[own] / (sizes[own] - 1.0);
    double b = std::numeric_limits<double>::infinity();
    for (int c = 0; c < k; ++c) {
      if (c != own && sizes[c] > 0.0) b = std::min(b, sums[c] / sizes[c]);
    }
    const double denom = std::max(a, b);
    if (denom > 0.0) total += (b - a) / denom;
  }
  return total / static_cast<double>(x.rows());
}

}  // namespace

double silhouette(const Matrix& x, const std::vector<int>& labels, Metric metric,
                  std::uint64_t seed) {
  if (x.rows() == 0) return 0.0;
  std::vector<int> present(labels.begin(), labels.end());
  std::sort(present.begin(), present.end());
  if (std::unique(present.begin(), present.end()) - present.begin() < 2) return 0.0;
  if (x.rows() <= k_silhouette_sample) return exact(x, labels, metric);
  const auto keep = sample_rows(x.rows(), k_silhouette_sample, seed);
  std::vector<int> kept_labels;
  for (std::size_t i : keep) kept_labels.push_back(labels[i]);
  return exact(x.select_rows(keep), kept_labels, metric);
}

}  // namespace cs351::analytics
