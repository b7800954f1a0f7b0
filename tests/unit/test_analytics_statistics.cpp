#include <doctest/doctest.h>

#include <cmath>

#include "cs351/analytics/statistics.h"

using namespace cs351::analytics;

TEST_SUITE_BEGIN("analytics/statistics");

TEST_CASE("z-scores use the population standard deviation") {
  Matrix x(4, 1);
  for (std::size_t i = 0; i < 4; ++i)
    x.at(i, 0) = static_cast<double>(i + 1);  // 1 2 3 4: mean 2.5, sd sqrt(1.25)
  const auto s = column_scale(x);
  CHECK(s.mean[0] == doctest::Approx(2.5));
  CHECK(s.stddev[0] == doctest::Approx(std::sqrt(1.25)));
  CHECK(standardize(x, s).at(0, 0) == doctest::Approx(-1.5 / std::sqrt(1.25)));
}

TEST_CASE("average ranks share ties") {
  CHECK(average_ranks({10, 20, 20, 5}) == std::vector<double>{2, 3.5, 3.5, 1});
}

TEST_CASE("Spearman matches scipy on a hand example, and refuses degenerate input") {
  // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) = 0.8207826816681233
  CHECK(*spearman({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}) == doctest::Approx(0.8207826816681233));
  CHECK(*spearman({1, 2, 3}, {30, 20, 10}) == doctest::Approx(-1.0));
  CHECK_FALSE(spearman({1, 2, 3}, {4, 4, 4}).has_value());
  CHECK_FALSE(spearman({1, 2}, {1, 2}).has_value());
}

TEST_SUITE_END();
