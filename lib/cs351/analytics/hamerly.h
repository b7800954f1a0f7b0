#pragma once
// Exact nearest-centre assignment for Lloyd iterations with Hamerly's bounds
// (Hamerly, "Making k-means even faster", SDM 2010): per row an upper bound on
// the distance to its centre and a lower bound on the distance to any other,
// so most rows skip the scan over all centres once the clusters settle. The
// labels are those of a full scan (up to exact ties).

#include <vector>

#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

class HamerlyAssigner {
 public:
  explicit HamerlyAssigner(const Matrix& x) : m_x(x), m_upper(x.rows()), m_lower(x.rows()) {}

  // Labels every row with its closest centre in `centers`. The first call scans
  // everything; later calls need centres_moved() in between.
  void assign(const Matrix& centers, std::vector<int>& labels);
  // Loosens the bounds by how far each centre moved from `before` to `after`.
  void centres_moved(const Matrix& before, const Matrix& after, const std::vector<int>& labels);

 private:
  void scan(std::size_t i, const Matrix& centers, std::vector<int>& labels);

  const Matrix& m_x;
  std::vector<double> m_upper, m_lower;  // Euclidean, not squared
  std::vector<double> m_half_gap;  // per centre: half the distance to its nearest other centre
  bool m_fresh = true;
};

}  // namespace cs351::analytics
