#include "cs351/usage/features.h"

#include "cs351/usage/listings.h"
#include "cs351/usage/stats.h"

namespace cs351::usage {
namespace {

double share(const Stats& s, const std::string& tool) {
  if (s.tool_calls == 0) return 0;
  for (const auto& t : s.tools)
    if (t.name == tool) return static_cast<double>(t.n) / static_cast<double>(s.tool_calls);
  return 0;
}

}  // namespace

const std::vector<std::string>& agent_feature_names() {
  static const std::vector<std::string> names{
      "agent_tool_calls", "agent_bash_share", "agent_edit_share", "agent_read_share",
      "agent_sessions",   "agent_plans",      "agent_cost_usd"};
  return names;
}

std::map<std::string, std::vector<double>> agent_features(SQLite::Database& db,
                                                          const std::string& course,
                                                          const std::optional<std::string>& since,
                                                          const std::optional<std::string>& until) {
  const auto prices = PriceTable::parse(shipped_prices_json(), "shipped price table");
  std::map<std::string, std::vector<double>> out;
  Filter f{course, std::nullopt, since, until, false, false};
  for (const auto& row : students(db, f, prices)) {
    f.student = row.student;
    const auto s = compute_stats(db, f, prices);
    out[row.student] = {static_cast<double>(s.tool_calls),
                        share(s, "Bash"),
                        share(s, "Edit"),
                        share(s, "Read"),
                        static_cast<double>(s.sessions),
                        static_cast<double>(s.plans),
                        s.tokens.cost};
  }
  return out;
}

}  // namespace cs351::usage
