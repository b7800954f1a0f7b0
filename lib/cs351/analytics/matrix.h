#pragma once
// A dense row-major matrix of doubles: one row per student (or sample), one
// column per feature. Small on purpose: the algorithms only need rows.

#include <cmath>
#include <cstddef>
#include <vector>

namespace cs351::analytics {

class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols, double fill = 0.0)
      : m_rows(rows), m_cols(cols), m_data(rows * cols, fill) {}

  std::size_t rows() const { return m_rows; }
  std::size_t cols() const { return m_cols; }
  double* row(std::size_t i) { return m_data.data() + i * m_cols; }
  const double* row(std::size_t i) const { return m_data.data() + i * m_cols; }
  double& at(std::size_t i, std::size_t j) { return m_data[i * m_cols + j]; }
  double at(std::size_t i, std::size_t j) const { return m_data[i * m_cols + j]; }
  // Column j as a vector (a copy).
  std::vector<double> column(std::size_t j) const;
  // The rows listed in `keep`, in that order.
  Matrix select_rows(const std::vector<std::size_t>& keep) const;

 private:
  std::size_t m_rows = 0, m_cols = 0;
  std::vector<double> m_data;
};

// Squared Euclidean and Manhattan distances between two rows of length d
// (inline: they are the inner loop of every algorithm here).
inline double squared_distance(const double* a, const double* b, std::size_t d) {
  double sum = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double diff = a[j] - b[j];
    sum += diff * diff;
  }
  return sum;
}

inline double manhattan_distance(const double* a, const double* b, std::size_t d) {
  double sum = 0.0;
  for (std::size_t j = 0; j < d; ++j) sum += std::fabs(a[j] - b[j]);
  return sum;
}

}  // namespace cs351::analytics
