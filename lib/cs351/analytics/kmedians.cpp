#include <algorithm>
#include <limits>
#include <numeric>

#include "cs351/analytics/lloyd.h"

namespace cs351::analytics {
namespace {

void assign_l1(const Matrix& x, const Matrix& centers, std::vector<int>& labels,
               std::vector<double>& dist) {
  for (std::size_t i = 0; i < x.rows(); ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < centers.rows(); ++c) {
      const double dc = manhattan_distance(x.row(i), centers.row(c), x.cols());
      if (dc < best) {
        best = dc;
        labels[i] = static_cast<int>(c);
      }
    }
    dist[i] = best;
  }
}

// Median of `values` (reordered); an even count gives the mean of the two middle values.
double median(std::vector<double>& values) {
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + mid);
  return (lower + upper) / 2.0;
}

// Coordinate-wise medians; an empty cluster is re-seeded at the point farthest
// from its centre not already used for another empty cluster.
Matrix update_medians(const Matrix& x, const std::vector<int>& labels,
                      const std::vector<double>& dist, const Matrix& old) {
  const std::size_t k = old.rows(), d = x.cols();
  std::vector<std::vector<std::size_t>> members(k);
  for (std::size_t i = 0; i < x.rows(); ++i) members[labels[i]].push_back(i);
  std::vector<std::size_t> order(x.rows());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return dist[a] > dist[b]; });
  std::size_t next_far = 0;
  Matrix centers(k, d);
  std::vector<double> values;
  for (std::size_t c = 0; c < k; ++c) {
    if (members[c].empty()) {
      std::copy_n(x.row(order[next_far++ % order.size()]), d, centers.row(c));
      continue;
    }
    for (std::size_t j = 0; j < d; ++j) {
      values.clear();
      for (std::size_t i : members[c]) values.push_back(x.at(i, j));
      centers.at(c, j) = median(values);
    }
  }
  return centers;
}

}  // namespace

Clustering kmedians_run(const Matrix& x, Matrix centers, int max_iter, double tol_abs) {
  const std::size_t n = x.rows();
  std::vector<int> labels(n, 0), previous(n, -1);
  std::vector<double> dist(n);
  Clustering out;
  for (out.iterations = 1; out.iterations <= max_iter; ++out.iterations) {
    assign_l1(x, centers, labels, dist);
    if (labels == previous) break;
    Matrix next = update_medians(x, labels, dist, centers);
    double shift = 0.0;
    for (std::size_t c = 0; c < next.rows(); ++c)
      shift += squared_distance(next.row(c), centers.row(c), x.cols());
    centers = std::move(next);
    if (shift <= tol_abs) break;
    previous = labels;
  }
  out.iterations = std::min(out.iterations, max_iter);
  assign_l1(x, centers, labels, dist);
  out.objective = std::accumulate(dist.begin(), dist.end(), 0.0);
  out.labels = std::move(labels);
  out.centers = std::move(centers);
  return out;
}

}  // namespace cs351::analytics
