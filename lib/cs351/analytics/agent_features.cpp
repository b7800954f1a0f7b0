#include "cs351/analytics/agent_features.h"

#include "cs351/core/time_format.h"
#include "cs351/usage/features.h"
#include "cs351/usage/query.h"

namespace cs351::analytics {
namespace {

std::optional<std::string> day_of(const std::optional<TimePoint>& t, const std::string& tz) {
  if (!t) return std::nullopt;
  return usage::local_day(format_utc(*t), tz);
}

}  // namespace

void add_agent_features(SQLite::Database& db, const roster::Course& course,
                        const AssignmentInfo& assignment,
                        const std::map<std::string, std::size_t>& attempts, FeatureTable& table) {
  const auto values =
      usage::agent_features(db, course.code, day_of(assignment.release, course.timezone),
                            day_of(assignment.due, course.timezone));
  const auto& names = usage::agent_feature_names();
  // The first usage value (tool calls) becomes tool calls per attempt.
  table.features.push_back("agent_tool_calls_per_attempt");
  for (std::size_t i = 1; i < names.size(); ++i) table.features.push_back(names[i]);
  table.clustered.resize(table.features.size(), true);
  for (auto& row : table.rows) {
    const auto it = values.find(row.id);
    const auto n = attempts.count(row.id) ? attempts.at(row.id) : 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (it == values.end()) {
        row.values.push_back(0.0);
      } else if (i == 0) {
        row.values.push_back(n ? it->second[0] / static_cast<double>(n) : 0.0);
      } else {
        row.values.push_back(it->second[i]);
      }
    }
  }
}

}  // namespace cs351::analytics
