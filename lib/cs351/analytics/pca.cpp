#include "cs351/analytics/pca.h"

#include <algorithm>
#include <cmath>

namespace cs351::analytics {
namespace {

constexpr int k_power_iterations = 500;

Matrix covariance(const Matrix& x) {
  const std::size_t d = x.cols();
  Matrix c(d, d);
  for (std::size_t i = 0; i < x.rows(); ++i) {
    for (std::size_t a = 0; a < d; ++a) {
      for (std::size_t b = 0; b < d; ++b) c.at(a, b) += x.at(i, a) * x.at(i, b);
    }
  }
  return c;
}

// Leading eigenvector of symmetric `c`, and its eigenvalue; the zero vector when
// that eigenvalue is below `negligible` (what deflation leaves is rounding noise).
std::vector<double> leading_vector(const Matrix& c, double negligible, double& eigenvalue) {
  const std::size_t d = c.rows();
  std::vector<double> v(d, 1.0 / std::sqrt(static_cast<double>(d))), next(d);
  // A start orthogonal to the true axis would stall; tilt it off the diagonal.
  for (std::size_t j = 0; j < d; ++j) v[j] += 1e-3 * static_cast<double>(j);
  eigenvalue = 0.0;
  for (int it = 0; it < k_power_iterations; ++it) {
    double norm = 0.0;
    for (std::size_t a = 0; a < d; ++a) {
      next[a] = 0.0;
      for (std::size_t b = 0; b < d; ++b) next[a] += c.at(a, b) * v[b];
      norm += next[a] * next[a];
    }
    norm = std::sqrt(norm);
    if (norm <= negligible) {
      eigenvalue = 0.0;
      return std::vector<double>(d, 0.0);
    }
    for (std::size_t a = 0; a < d; ++a) v[a] = next[a] / norm;
    eigenvalue = norm;
  }
  std::size_t largest = 0;
  for (std::size_t a = 1; a < d; ++a) {
    if (std::fabs(v[a]) > std::fabs(v[largest])) largest = a;
  }
  if (v[largest] < 0) {
    for (double& e : v) e = -e;
  }
  return v;
}

}  // namespace

Matrix principal_scores(const Matrix& x, std::size_t count) {
  Matrix c = covariance(x);
  Matrix scores(x.rows(), count);
  double trace = 0.0;
  for (std::size_t a = 0; a < c.rows(); ++a) trace += c.at(a, a);
  const double negligible = std::max(trace * 1e-12, 1e-300);
  for (std::size_t p = 0; p < count && p < x.cols(); ++p) {
    double lambda = 0.0;
    const auto v = leading_vector(c, negligible, lambda);
    for (std::size_t i = 0; i < x.rows(); ++i) {
      for (std::size_t j = 0; j < x.cols(); ++j) scores.at(i, p) += x.at(i, j) * v[j];
    }
    for (std::size_t a = 0; a < c.rows(); ++a) {
      for (std::size_t b = 0; b < c.cols(); ++b) c.at(a, b) -= lambda * v[a] * v[b];
    }
  }
  return scores;
}

}  // namespace cs351::analytics
