#include <algorithm>
#include <numeric>

#include "cs351/analytics/hamerly.h"
#include "cs351/analytics/lloyd.h"
#include "cs351/analytics/statistics.h"

namespace cs351::analytics {
namespace {

// Rows in decreasing distance from their centre (ties: lower index first).
std::vector<std::size_t> farthest_first(const std::vector<double>& dist) {
  std::vector<std::size_t> order(dist.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return dist[a] > dist[b]; });
  return order;
}

// Means of the labelled rows; each empty cluster instead takes the next
// farthest row (which leaves its old cluster's sum), as scikit-learn does.
Matrix update_centers(const Matrix& x, const std::vector<int>& labels, const Matrix& old) {
  const std::size_t d = x.cols(), k = old.rows();
  Matrix sums(k, d);
  std::vector<double> counts(k, 0.0);
  for (std::size_t i = 0; i < x.rows(); ++i) {
    double* s = sums.row(labels[i]);
    const double* p = x.row(i);
    for (std::size_t j = 0; j < d; ++j) s[j] += p[j];
    counts[labels[i]] += 1.0;
  }
  std::vector<std::size_t> empty;
  for (std::size_t c = 0; c < k; ++c) {
    if (counts[c] == 0.0) empty.push_back(c);
  }
  if (!empty.empty()) {
    // Rare, so the distances to the old centres are computed only here.
    std::vector<double> dist(x.rows());
    for (std::size_t i = 0; i < x.rows(); ++i)
      dist[i] = squared_distance(x.row(i), old.row(labels[i]), d);
    const auto order = farthest_first(dist);
    for (std::size_t e = 0; e < empty.size() && e < order.size(); ++e) {
      const std::size_t row = order[e];
      const std::size_t from = labels[row];
      for (std::size_t j = 0; j < d; ++j) {
        sums.at(from, j) -= x.at(row, j);
        sums.at(empty[e], j) = x.at(row, j);
      }
      counts[from] -= 1.0;
      counts[empty[e]] = 1.0;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (counts[c] == 0.0) continue;
    for (std::size_t j = 0; j < d; ++j) sums.at(c, j) /= counts[c];
  }
  return sums;
}

double total_shift(const Matrix& a, const Matrix& b) {
  double sum = 0.0;
  for (std::size_t c = 0; c < a.rows(); ++c) sum += squared_distance(a.row(c), b.row(c), a.cols());
  return sum;
}

}  // namespace

double absolute_tolerance(const Matrix& x, double tol) {
  if (x.cols() == 0) return 0.0;
  const auto stddev = column_scale(x).stddev;
  double variance_sum = 0.0;
  for (double s : stddev) variance_sum += s * s;
  return tol * variance_sum / static_cast<double>(x.cols());
}

Clustering kmeans_run(const Matrix& x, Matrix centers, int max_iter, double tol_abs) {
  const std::size_t n = x.rows();
  std::vector<int> labels(n, -1), previous(n, -1);
  HamerlyAssigner assigner(x);
  Clustering out;
  bool strict = false;
  for (out.iterations = 1; out.iterations <= max_iter; ++out.iterations) {
    assigner.assign(centers, labels);
    Matrix next = update_centers(x, labels, centers);
    const double shift = total_shift(centers, next);
    assigner.centres_moved(centers, next, labels);
    centers = std::move(next);
    if (labels == previous) {
      strict = true;
      break;
    }
    if (shift <= tol_abs) break;
    previous = labels;
  }
  out.iterations = std::min(out.iterations, max_iter);
  // Stopped on the shift (not on stable labels): label against the final centres.
  if (!strict) assigner.assign(centers, labels);
  out.objective = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    out.objective += squared_distance(x.row(i), centers.row(labels[i]), x.cols());
  out.labels = std::move(labels);
  out.centers = std::move(centers);
  return out;
}

}  // namespace cs351::analytics
