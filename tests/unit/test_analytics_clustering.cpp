#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "cs351/analytics/clustering.h"
#include "cs351/analytics/lloyd.h"
#include "cs351/analytics/silhouette.h"
#include "cs351/analytics/statistics.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace cs351::analytics;

namespace {

// fixtures/datasets/<name>: a "rows,cols,classes..." line, then rows of cols values and a class
// index.
Matrix load_dataset(const std::string& name) {
  std::istringstream in(cs351::test::read_fixture("datasets/" + name));
  std::string line;
  std::getline(in, line);
  std::size_t rows = 0, cols = 0;
  char comma = 0;
  std::istringstream(line) >> rows >> comma >> cols;
  Matrix x(rows, cols);
  for (std::size_t i = 0; i < rows; ++i) {
    REQUIRE(std::getline(in, line));
    std::istringstream fields(line);
    for (std::size_t j = 0; j < cols; ++j) {
      fields >> x.at(i, j);
      fields.ignore(1);
    }
  }
  return x;
}

Matrix zscored(const Matrix& x) {
  return standardize(x, column_scale(x));
}

double best_objective(const Matrix& x, Algorithm a, std::size_t k, int n_init,
                      std::uint64_t seed = 0) {
  ClusterOptions o;
  o.algorithm = a;
  o.k = k;
  o.n_init = n_init;
  o.seed = seed;
  return cluster(x, o).objective;
}

std::size_t cluster_count(const std::vector<int>& labels) {
  return std::set<int>(labels.begin(), labels.end()).size();
}

}  // namespace

TEST_SUITE_BEGIN("analytics/clustering");

TEST_CASE("k-means reaches scikit-learn's reference optima on iris and wine") {
  const Matrix iris = load_dataset("iris.csv");
  REQUIRE(iris.rows() == 150);
  REQUIRE(iris.cols() == 4);
  CHECK(best_objective(iris, Algorithm::kmeans, 2, 10) ==
        doctest::Approx(152.3479517604).epsilon(1e-6));
  CHECK(best_objective(iris, Algorithm::kmeans, 3, 10) ==
        doctest::Approx(78.8514414261).epsilon(1e-6));
  CHECK(best_objective(iris, Algorithm::kmeans, 6, 300) ==
        doctest::Approx(39.0399872461).epsilon(1e-6));
  CHECK(best_objective(zscored(iris), Algorithm::kmeans, 2, 10) ==
        doctest::Approx(222.3617049650).epsilon(1e-6));
  CHECK(best_objective(zscored(iris), Algorithm::kmeans, 3, 50) ==
        doctest::Approx(139.8204963597).epsilon(1e-6));

  const Matrix wine = zscored(load_dataset("wine_data.csv"));
  REQUIRE(wine.rows() == 178);
  CHECK(best_objective(wine, Algorithm::kmeans, 3, 10) ==
        doctest::Approx(1277.9284888446).epsilon(1e-6));
  CHECK(best_objective(wine, Algorithm::kmeans, 2, 50) ==
        doctest::Approx(1658.7588524291).epsilon(1e-6));
}

TEST_CASE("k-medians reaches the reference L1 objectives on raw iris") {
  const Matrix iris = load_dataset("iris.csv");
  CHECK(best_objective(iris, Algorithm::kmedians, 2, 100) == doctest::Approx(216.7).epsilon(1e-6));
  CHECK(best_objective(iris, Algorithm::kmedians, 3, 100) == doctest::Approx(159.2).epsilon(1e-6));
  CHECK(best_objective(iris, Algorithm::kmedians, 6, 300) == doctest::Approx(115.3).epsilon(1e-6));
}

TEST_CASE("silhouette of the iris k=3 optimum matches scikit-learn") {
  const Matrix iris = load_dataset("iris.csv");
  ClusterOptions o;
  o.k = 3;
  const auto c = cluster(iris, o);
  CHECK(silhouette(iris, c.labels, Metric::euclidean) == doctest::Approx(0.552819).epsilon(1e-5));
}

TEST_CASE("the same seed gives the same clustering, another seed may not") {
  const Matrix iris = load_dataset("iris.csv");
  ClusterOptions o;
  o.k = 6;
  o.n_init = 1;
  o.seed = 42;
  const auto a = cluster(iris, o), b = cluster(iris, o);
  CHECK(a.labels == b.labels);
  CHECK(a.objective == b.objective);
}

TEST_CASE("an empty cluster takes the farthest point, so k clusters come back") {
  Matrix x(6, 1);
  for (std::size_t i = 0; i < 6; ++i) x.at(i, 0) = static_cast<double>(i < 3 ? i : 10 + i);
  Matrix start(3, 1);
  start.at(0, 0) = 1.0;
  start.at(1, 0) = 12.0;
  start.at(2, 0) = 1000.0;  // nobody is closest to this centre
  const auto km = kmeans_run(x, start, 300, 0.0);
  CHECK(cluster_count(km.labels) == 3);
  const auto kmed = kmedians_run(x, start, 300, 0.0);
  CHECK(cluster_count(kmed.labels) == 3);
}

TEST_CASE("k larger than the class, or than the distinct points, is refused") {
  Matrix x(4, 2, 1.0);
  ClusterOptions o;
  o.k = 5;
  CHECK_THROWS_AS(cluster(x, o), cs351::Error);
  o.k = 2;  // four identical rows: one distinct point
  try {
    cluster(x, o);
    FAIL("accepted");
  } catch (const cs351::Error& e) {
    CHECK(e.code() == cs351::ExitCode::data);
    CHECK(std::string(e.what()).find("distinct") != std::string::npos);
  }
  o.k = 1;
  CHECK(cluster(x, o).objective == 0.0);
}

TEST_CASE("a zero-variance feature neither breaks nor moves the clustering") {
  Matrix x(6, 2, 7.0);
  for (std::size_t i = 0; i < 6; ++i) x.at(i, 0) = i < 3 ? 0.0 + i * 0.1 : 5.0 + i * 0.1;
  const Matrix z = zscored(x);
  CHECK(z.at(0, 1) == 0.0);
  ClusterOptions o;
  o.k = 2;
  const auto c = cluster(z, o);
  CHECK(c.labels[0] == c.labels[2]);
  CHECK(c.labels[3] == c.labels[5]);
  CHECK(c.labels[0] != c.labels[3]);
}

TEST_CASE(
    "silhouette: singletons score 0, one cluster scores 0, Manhattan differs from Euclidean") {
  Matrix x(3, 2);
  x.at(1, 0) = 1.0;
  x.at(2, 0) = 10.0;
  x.at(2, 1) = 10.0;
  CHECK(silhouette(x, {0, 0, 0}, Metric::euclidean) == 0.0);
  // points 0,1 together (a = 1), point 2 alone (scores 0).
  const double b0 = std::sqrt(200.0), b1 = std::sqrt(81.0 + 100.0);
  CHECK(silhouette(x, {0, 0, 1}, Metric::euclidean) ==
        doctest::Approx(((b0 - 1) / b0 + (b1 - 1) / b1) / 3));
  CHECK(silhouette(x, {0, 0, 1}, Metric::manhattan) ==
        doctest::Approx(((20.0 - 1) / 20 + (19.0 - 1) / 19) / 3));
}

TEST_SUITE_END();
