#include <doctest/doctest.h>

#include <cmath>

#include "cs351/analytics/pca.h"

using namespace cs351::analytics;

TEST_SUITE_BEGIN("analytics/pca");

TEST_CASE("points on a line: the first component carries it all, signed deterministically") {
  Matrix x(5, 2);
  for (std::size_t i = 0; i < 5; ++i) {
    x.at(i, 0) = static_cast<double>(i) - 2.0;  // centred
    x.at(i, 1) = 2.0 * (static_cast<double>(i) - 2.0);
  }
  const Matrix s = principal_scores(x, 2);
  CHECK(s.at(4, 0) == doctest::Approx(std::sqrt(20.0)));  // |(2, 4)|, largest loading positive
  CHECK(s.at(0, 0) == doctest::Approx(-std::sqrt(20.0)));
  for (std::size_t i = 0; i < 5; ++i) CHECK(s.at(i, 1) == doctest::Approx(0.0));
}

TEST_CASE("an all-zero matrix and fewer columns than components give zeros") {
  const Matrix s = principal_scores(Matrix(3, 1), 2);
  CHECK(s.at(0, 0) == 0.0);
  CHECK(s.at(2, 1) == 0.0);
}

TEST_SUITE_END();
