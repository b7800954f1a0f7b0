#include "cs351/analytics/clustering.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "cs351/analytics/lloyd.h"
#include "cs351/analytics/seeding.h"
#include "cs351/core/error.h"

namespace cs351::analytics {
namespace {

std::size_t distinct_rows(const Matrix& x, std::size_t enough) {
  std::set<std::vector<double>> seen;
  for (std::size_t i = 0; i < x.rows() && seen.size() < enough; ++i) {
    seen.emplace(x.row(i), x.row(i) + x.cols());
  }
  return seen.size();
}

void validate(const Matrix& x, const ClusterOptions& o) {
  if (o.k < 1) throw usage_error("k must be at least 1");
  if (o.n_init < 1) throw usage_error("the number of initialisations must be at least 1");
  if (o.max_iter < 1) throw usage_error("max iterations must be at least 1");
  if (x.rows() < o.k)
    throw data_error(
        fmt::format("cannot make {} clusters from {} rows; choose a smaller k", o.k, x.rows()));
  const std::size_t distinct = distinct_rows(x, o.k);
  if (distinct < o.k) {
    throw data_error(
        fmt::format("only {} distinct rows, fewer than k={}; choose a smaller k", distinct, o.k));
  }
}

}  // namespace

const char* algorithm_name(Algorithm a) {
  return a == Algorithm::kmeans ? "kmeans" : "kmedians";
}

Algorithm parse_algorithm(const std::string& text) {
  if (text == "kmeans") return Algorithm::kmeans;
  if (text == "kmedians") return Algorithm::kmedians;
  throw usage_error(fmt::format("unknown algorithm '{}' (expected kmeans or kmedians)", text));
}

Clustering cluster(const Matrix& x, const ClusterOptions& o) {
  validate(x, o);
  Random rng(o.seed);
  const double tol_abs = absolute_tolerance(x, o.tol);
  Clustering best;
  for (int run = 0; run < o.n_init; ++run) {
    Clustering c;
    if (o.algorithm == Algorithm::kmeans) {
      c = kmeans_run(x, greedy_seed(x, o.k, Potential::squared_euclidean, rng), o.max_iter,
                     tol_abs);
    } else {
      c = kmedians_run(x, greedy_seed(x, o.k, Potential::manhattan, rng), o.max_iter, tol_abs);
    }
    if (run == 0 || c.objective < best.objective) best = std::move(c);
  }
  return best;
}

std::vector<double> distances_to_centre(const Matrix& x, const Clustering& c, Algorithm a) {
  std::vector<double> out(x.rows());
  for (std::size_t i = 0; i < x.rows(); ++i) {
    const double* centre = c.centers.row(c.labels[i]);
    out[i] = a == Algorithm::kmeans ? std::sqrt(squared_distance(x.row(i), centre, x.cols()))
                                    : manhattan_distance(x.row(i), centre, x.cols());
  }
  return out;
}

}  // namespace cs351::analytics
