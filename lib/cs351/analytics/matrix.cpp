#include "cs351/analytics/matrix.h"

namespace cs351::analytics {

std::vector<double> Matrix::column(std::size_t j) const {
  std::vector<double> out(m_rows);
  for (std::size_t i = 0; i < m_rows; ++i) out[i] = at(i, j);
  return out;
}

Matrix Matrix::select_rows(const std::vector<std::size_t>& keep) const {
  Matrix out(keep.size(), m_cols);
  for (std::size_t i = 0; i < keep.size(); ++i) {
    for (std::size_t j = 0; j < m_cols; ++j) out.at(i, j) = at(keep[i], j);
  }
  return out;
}

}  // namespace cs351::analytics
