#include "cs351/analytics/hamerly.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cs351::analytics {
namespace {

std::vector<double> half_gaps(const Matrix& c) {
  std::vector<double> gap(c.rows(), std::numeric_limits<double>::infinity());
  for (std::size_t a = 0; a < c.rows(); ++a) {
    for (std::size_t b = a + 1; b < c.rows(); ++b) {
      const double half = 0.5 * std::sqrt(squared_distance(c.row(a), c.row(b), c.cols()));
      gap[a] = std::min(gap[a], half);
      gap[b] = std::min(gap[b], half);
    }
  }
  return gap;
}

}  // namespace

void HamerlyAssigner::scan(std::size_t i, const Matrix& centers, std::vector<int>& labels) {
  double best = std::numeric_limits<double>::infinity(), second = best;
  int label = 0;
  for (std::size_t c = 0; c < centers.rows(); ++c) {
    const double dc = squared_distance(m_x.row(i), centers.row(c), m_x.cols());
    if (dc < best) {
      second = best;
      best = dc;
      label = static_cast<int>(c);
    } else if (dc < second) {
      second = dc;
    }
  }
  labels[i] = label;
  m_upper[i] = std::sqrt(best);
  m_lower[i] = std::sqrt(second);
}

void HamerlyAssigner::assign(const Matrix& centers, std::vector<int>& labels) {
  m_half_gap = half_gaps(centers);
  for (std::size_t i = 0; i < m_x.rows(); ++i) {
    if (m_fresh) {
      scan(i, centers, labels);
      continue;
    }
    const double bound = std::max(m_half_gap[labels[i]], m_lower[i]);
    if (m_upper[i] <= bound) continue;
    m_upper[i] = std::sqrt(squared_distance(m_x.row(i), centers.row(labels[i]), m_x.cols()));
    if (m_upper[i] <= bound) continue;
    scan(i, centers, labels);
  }
  m_fresh = false;
}

void HamerlyAssigner::centres_moved(const Matrix& before, const Matrix& after,
                                    const std::vector<int>& labels) {
  const std::size_t k = before.rows();
  std::vector<double> moved(k);
  std::size_t far = 0;
  for (std::size_t c = 0; c < k; ++c) {
    moved[c] = std::sqrt(squared_distance(before.row(c), after.row(c), before.cols()));
    if (moved[c] > moved[far]) far = c;
  }
  double runner_up = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    if (c != far) runner_up = std::max(runner_up, moved[c]);
  }
  for (std::size_t i = 0; i < m_x.rows(); ++i) {
    const auto own = static_cast<std::size_t>(labels[i]);
    m_upper[i] += moved[own];
    m_lower[i] -= own == far ? runner_up : moved[far];
  }
}

}  // namespace cs351::analytics
