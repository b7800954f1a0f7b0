#include <doctest/doctest.h>

#include "cs351/analytics/features.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

using namespace cs351::analytics;

namespace {

cs351::TimePoint at(const char* iso) {
  return *cs351::parse_time(iso);
}

Attempt attempt(const char* iso, double score, std::optional<double> max = 10.0) {
  return Attempt{"s@x.edu", at(iso), score, max, "import"};
}

double value(const FeatureValues& v, const char* name) {
  const auto i = feature_index(name);
  REQUIRE(i.has_value());
  REQUIRE(v[*i].has_value());
  return *v[*i];
}

bool missing(const FeatureValues& v, const char* name) {
  return !v[*feature_index(name)].has_value();
}

}  // namespace

TEST_SUITE_BEGIN("analytics/features");

TEST_CASE("counts, span, sessions and scores on a simple history (any input order)") {
  FeatureOptions o;
  o.due = at("2026-02-10T12:00:00Z");
  const auto v =
      compute_features({attempt("2026-02-09T12:40:00Z", 10),  // third
                        attempt("2026-02-09T10:00:00Z", 2),   // first
                        attempt("2026-02-09T10:29:00Z", 6),   // 29 min later: same session
                        attempt("2026-02-09T13:00:00Z", 8)},  // last, below best
                       o);
  CHECK(value(v, "attempts") == 4);
  CHECK(value(v, "span_hours") == doctest::Approx(3.0));
  CHECK(value(v, "sessions") == 2);  // gap 10:29 -> 12:40 > 30 min; 12:40 -> 13:00 is not
  CHECK(value(v, "active_days") == 1);
  CHECK(value(v, "start_lead_hours") == doctest::Approx(26.0));
  CHECK(value(v, "best_score_pct") == doctest::Approx(100.0));
  CHECK(value(v, "final_score_pct") == doctest::Approx(80.0));
  CHECK(value(v, "success") == 1);
  CHECK(value(v, "hours_to_full") == doctest::Approx(2.0 + 40.0 / 60));
}

TEST_CASE("a gap of exactly the session gap stays in the session; the gap is configurable") {
  FeatureOptions o;
  const std::vector<Attempt> h{attempt("2026-02-09T10:00:00Z", 1),
                               attempt("2026-02-09T10:30:00Z", 1)};
  CHECK(value(compute_features(h, o), "sessions") == 1);
  o.session_gap = std::chrono::minutes(10);
  CHECK(value(compute_features(h, o), "sessions") == 2);
}

TEST_CASE("one submission only, never reaching full score, no due date") {
  const auto v = compute_features({attempt("2026-02-09T10:00:00Z", 4)}, FeatureOptions{});
  CHECK(value(v, "attempts") == 1);
  CHECK(value(v, "span_hours") == 0);
  CHECK(value(v, "sessions") == 1);
  CHECK(value(v, "success") == 0);
  CHECK(missing(v, "hours_to_full"));
  CHECK(missing(v, "start_lead_hours"));
}

TEST_CASE("started after the deadline gives a negative lead") {
  FeatureOptions o;
  o.due = at("2026-02-09T09:00:00Z");
  CHECK(value(compute_features({attempt("2026-02-09T10:30:00Z", 4)}, o), "start_lead_hours") ==
        doctest::Approx(-1.5));
}

TEST_CASE("night and weekend use course-local time, not UTC") {
  FeatureOptions o;
  o.timezone = "America/Indiana/Indianapolis";  // UTC-5 in February
  // 2026-02-07 is a Saturday. 03:30Z Saturday = 22:30 Friday local: night, not weekend.
  // 16:00Z Saturday = 11:00 Saturday local: weekend, not night.
  const auto v =
      compute_features({attempt("2026-02-07T03:30:00Z", 1), attempt("2026-02-07T16:00:00Z", 1)}, o);
  CHECK(value(v, "night_frac") == doctest::Approx(0.5));
  CHECK(value(v, "weekend_frac") == doctest::Approx(0.5));
  CHECK(value(v, "active_days") == 2);  // Friday and Saturday locally, one UTC day
  o.timezone = "UTC";
  const auto utc =
      compute_features({attempt("2026-02-07T03:30:00Z", 1), attempt("2026-02-07T16:00:00Z", 1)}, o);
  CHECK(value(utc, "weekend_frac") == doctest::Approx(1.0));
  CHECK(value(utc, "active_days") == 1);
}

TEST_CASE("midnight and 06:00 edges of the night window") {
  FeatureOptions o;
  const auto at_edge = [&](const char* iso) {
    return value(compute_features({attempt(iso, 1)}, o), "night_frac");
  };
  CHECK(at_edge("2026-02-09T21:59:59Z") == 0);
  CHECK(at_edge("2026-02-09T22:00:00Z") == 1);
  CHECK(at_edge("2026-02-10T00:00:00Z") == 1);
  CHECK(at_edge("2026-02-10T05:59:59Z") == 1);
  CHECK(at_edge("2026-02-10T06:00:00Z") == 0);
}

TEST_CASE("DST days: local hours follow the offset change") {
  FeatureOptions o;
  o.timezone = "America/New_York";
  // 2026-03-08 02:00 EST -> 03:00 EDT. 06:30Z is 01:30 EST (night); 10:30Z is 06:30 EDT (day),
  // though with the winter offset it would be 05:30 (night).
  const auto v =
      compute_features({attempt("2026-03-08T06:30:00Z", 1), attempt("2026-03-08T10:30:00Z", 1)}, o);
  CHECK(value(v, "night_frac") == doctest::Approx(0.5));
  // 2026-11-01 02:00 EDT -> 01:00 EST: 04:59Z is 00:59 EDT and 05:59Z is 00:59 EST, the same local
  // day.
  const auto fall =
      compute_features({attempt("2026-11-01T04:59:00Z", 1), attempt("2026-11-01T05:59:00Z", 1)}, o);
  CHECK(value(fall, "active_days") == 1);
  CHECK(value(fall, "night_frac") == doctest::Approx(1.0));
}

TEST_CASE("max points come from the attempt, else the assignment, else it is a data error") {
  FeatureOptions o;
  o.max_points = 20.0;
  CHECK(value(compute_features({attempt("2026-02-09T10:00:00Z", 5, std::nullopt)}, o),
              "best_score_pct") == doctest::Approx(25.0));
  CHECK(value(compute_features({attempt("2026-02-09T10:00:00Z", 5, 5.0)}, o), "success") == 1);
  try {
    compute_features({attempt("2026-02-09T10:00:00Z", 5, std::nullopt)}, FeatureOptions{});
    FAIL("accepted");
  } catch (const cs351::Error& e) {
    CHECK(e.code() == cs351::ExitCode::data);
    CHECK(std::string(e.what()).find("max points") != std::string::npos);
  }
}

TEST_SUITE_END();
