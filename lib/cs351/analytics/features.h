#pragma once
// Per-student behaviour features from one student's attempts at one
// assignment (definitions in docs/reports.md, "Features"). Pure: no store.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cs351/analytics/attempt.h"
#include "cs351/core/error.h"

namespace cs351::analytics {

struct FeatureSpec {
  const char* name;
  const char* unit;
  const char* help;
  bool clustered;  // used for clustering unless --features says otherwise
};

// Every feature in output order. hours_to_full is reported but not clustered
// (missing for whoever never reached full score).
const std::vector<FeatureSpec>& feature_specs();
// Index of `name` in feature_specs(), or nullopt.
std::optional<std::size_t> feature_index(const std::string& name);

struct FeatureOptions {
  std::string timezone = "UTC";          // course-local calendar and clock
  std::optional<TimePoint> due;          // start_lead_hours is missing without it
  std::optional<double> max_points;      // when an attempt has no max_score
  std::chrono::minutes session_gap{30};  // a longer pause starts a new session
};

// nullopt = missing (no due date, never full score).
using FeatureValues = std::vector<std::optional<double>>;

// An attempt with no max score when the options give none either (exit 65). Its own
// type so that the caller can add how its user gives the points (cli/: --max-points).
class NoMaxPoints : public Error {
 public:
  explicit NoMaxPoints(const std::string& message) : Error(ExitCode::data, message) {}
};

// `attempts` of one student, in any order, at least one. Throws NoMaxPoints when an
// attempt has no max score and the options give none.
FeatureValues compute_features(std::vector<Attempt> attempts, const FeatureOptions& options);

}  // namespace cs351::analytics
