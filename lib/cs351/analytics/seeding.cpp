#include "cs351/analytics/seeding.h"

#include <algorithm>
#include <cmath>

namespace cs351::analytics {
namespace {

double potential_between(const double* a, const double* b, std::size_t d, Potential p) {
  return p == Potential::squared_euclidean ? squared_distance(a, b, d)
                                           : manhattan_distance(a, b, d);
}

// First index whose running sum reaches `target` (numpy's searchsorted, side left), clipped to n-1.
std::size_t sample_index(const std::vector<double>& cumulative, double target) {
  const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
  return std::min<std::size_t>(it - cumulative.begin(), cumulative.size() - 1);
}

}  // namespace

Matrix greedy_seed(const Matrix& x, std::size_t k, Potential potential, Random& rng) {
  const std::size_t n = x.rows(), d = x.cols();
  Matrix centers(k, d);
  const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(k)));

  std::size_t first = rng.below(n);
  std::copy_n(x.row(first), d, centers.row(0));
  std::vector<double> closest(n);
  for (std::size_t i = 0; i < n; ++i)
    closest[i] = potential_between(x.row(i), x.row(first), d, potential);

  std::vector<double> cumulative(n), candidate_closest(n), best_closest(n);
  for (std::size_t c = 1; c < k; ++c) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) cumulative[i] = total += closest[i];
    double best_total = 0.0;
    std::size_t best = 0;
    for (std::size_t t = 0; t < trials; ++t) {
      const std::size_t candidate = sample_index(cumulative, rng.uniform() * total);
      double sum = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        candidate_closest[i] =
            std::min(closest[i], potential_between(x.row(i), x.row(candidate), d, potential));
        sum += candidate_closest[i];
      }
      if (t == 0 || sum < best_total) {
        best_total = sum;
        best = candidate;
        best_closest.swap(candidate_closest);
      }
    }
    closest.swap(best_closest);
    std::copy_n(x.row(best), d, centers.row(c));
  }
  return centers;
}

}  // namespace cs351::analytics
