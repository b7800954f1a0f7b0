#include <doctest/doctest.h>

#include "cs351/analytics/cluster_report.h"
#include "cs351/analytics/feature_table.h"
#include "cs351/analytics/report_json.h"
#include "cs351/core/error.h"

using namespace cs351;
using namespace cs351::analytics;

namespace {

// Two tight groups on (a, b) and a far-away row on a.
FeatureTable groups(bool with_outlier) {
  std::string csv = "id,a,b\n";
  for (int i = 0; i < 10; ++i)
    csv +=
        "lo" + std::to_string(i) + "," + std::to_string(i % 3) + "," + std::to_string(i % 2) + "\n";
  for (int i = 0; i < 10; ++i)
    csv += "hi" + std::to_string(i) + "," + std::to_string(20 + i % 3) + "," +
           std::to_string(10 + i % 2) + "\n";
  if (with_outlier) csv += "far,1000,5\n";
  return read_feature_table_csv(csv, "t.csv");
}

ClusterRequest k2() {
  ClusterRequest r;
  r.cluster.k = 2;
  return r;
}

}  // namespace

TEST_SUITE_BEGIN("analytics/cluster_report");

TEST_CASE("profile labels name the most distinctive factors, or say typical") {
  const std::vector<std::string> f{"start_lead_hours", "night_frac", "attempts", "weekend_frac"};
  CHECK(profile_label(f, {-1.2, 0.9, 0.7, 0.6}) == "late start \u00b7 night \u00b7 many attempts");
  CHECK(profile_label(f, {0.1, -0.2, 0.3, 0.0}) == "typical");
  CHECK(profile_label({"x"}, {-2.0}) == "low x");
}

TEST_CASE("a far-away row is dropped as an outlier with the reason, unless kept") {
  const auto table = groups(true);
  auto r = build_cluster_report(table, k2());
  REQUIRE(r.excluded.size() == 1);
  CHECK(r.excluded[0].id == "far");
  CHECK(r.excluded[0].reason.find("on a (value 1000)") != std::string::npos);
  CHECK(r.students.size() == 20);
  CHECK(r.clusters[0].size == 10);
  CHECK(r.clusters[1].size == 10);
  auto keep = k2();
  keep.keep_outliers = true;
  const auto kept = build_cluster_report(table, keep);
  CHECK(kept.excluded.empty());
  CHECK(kept.students.size() == 21);
}

TEST_CASE("clusters are numbered largest first, profiles carry means in the feature's units") {
  auto r = build_cluster_report(groups(false), k2());
  CHECK(r.silhouette > 0.8);
  const auto& lo = r.students.front().cluster == 1 ? r.clusters[0] : r.clusters[1];
  CHECK(*lo.means[0] == doctest::Approx(0.9));  // mean of i % 3 for i < 10
  CHECK(lo.label.find("low a") != std::string::npos);
  CHECK_FALSE(lo.success_rate.has_value());
}

TEST_CASE("k auto tries the range and keeps the best silhouette; bad ranges are usage errors") {
  auto req = k2();
  req.k_auto = true;
  req.k_min = 2;
  req.k_max = 4;
  const auto r = build_cluster_report(groups(false), req);
  CHECK(r.k_scores.size() == 3);
  CHECK(r.k == 2);
  req.k_min = 1;
  CHECK_THROWS_AS(build_cluster_report(groups(false), req), Error);
}

TEST_CASE("unknown features, missing values and too few rows") {
  auto req = k2();
  req.features = {"a", "nope"};
  CHECK_THROWS_AS(build_cluster_report(groups(false), req), Error);
  auto t = read_feature_table_csv("id,a,b\nx,1,\ny,2,3\nz,4,5\n", "t.csv");
  auto r = build_cluster_report(t, k2());
  CHECK(r.excluded.size() == 1);
  CHECK(r.excluded[0].reason == "no value for b");
  req = k2();
  req.cluster.k = 3;
  try {
    build_cluster_report(t, req);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find("only 2 subjects left") != std::string::npos);
  }
}

TEST_CASE("Spearman of each feature against best_score_pct") {
  const auto t = read_feature_table_csv(
      "id,start,best_score_pct\na,1,10\nb,2,20\nc,3,30\nd,4,35\ne,10,12\n", "t.csv");
  auto req = k2();
  req.keep_outliers = true;
  const auto r = build_cluster_report(t, req);
  REQUIRE(r.correlations.size() == 1);
  CHECK(r.correlations[0].feature == "start");
  CHECK(*r.correlations[0].rho == doctest::Approx(0.4));  // 1 - 6 * 12 / (5 * 24)
}

TEST_CASE("the JSON has the documented top-level shape and uses 'objective' for k-medians") {
  auto req = k2();
  req.cluster.algorithm = Algorithm::kmedians;
  const auto j = report_json(build_cluster_report(groups(false), req));
  for (const char* key : {"algorithm", "k", "seed", "objective", "silhouette", "features",
                          "outliers", "clusters", "students"}) {
    CAPTURE(key);
    CHECK(j.contains(key));
  }
  CHECK_FALSE(j.contains("inertia"));
  CHECK(j["students"][0].contains("id"));
  CHECK(j["students"][0]["z"].contains("a"));
}

TEST_CASE("features file: bad cells and duplicates name file and line; anonymize is stable") {
  CHECK_THROWS_AS(read_feature_table_csv("id,a\nx,1\nx,2\n", "t.csv"), Error);
  CHECK_THROWS_AS(read_feature_table_csv("id,a,a\nx,1,2\n", "t.csv"), Error);
  CHECK_THROWS_AS(read_feature_table_csv("id,a\nx,inf\n", "t.csv"), Error);
  CHECK_THROWS_AS(read_feature_table_csv("id\nx\n", "t.csv"), Error);
  try {
    read_feature_table_csv("id,a\nx,1\ny,1e\n", "t.csv");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("t.csv:3: a:") != std::string::npos);
  }
  auto t1 = read_feature_table_csv("id,a\nann@x.edu,1\n", "t.csv"), t2 = t1;
  anonymize(t1, "c1");
  anonymize(t2, "c1");
  CHECK(t1.rows[0].id == t2.rows[0].id);
  CHECK(t1.rows[0].id.rfind("student-", 0) == 0);
  CHECK(t1.rows[0].id.find("ann") == std::string::npos);
}

TEST_SUITE_END();
