#include "cs351/usage/listings.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "cs351/core/error.h"
#include "cs351/roster/course.h"
#include "cs351/roster/people.h"
#include "cs351/usage/stats.h"

namespace cs351::usage {

std::vector<SessionRow> sessions(SQLite::Database& db, const Filter& filter,
                                 const PriceTable& prices) {
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, SessionRow> rows;
  for_each_call(db, filter, [&](const CallRow& r) {
    auto& s = rows[{r.student, r.agent, r.call.session_id}];
    if (s.first_at.empty()) {
      s = {r.student, r.agent, r.call.session_id, {}, r.call.at, r.call.at, {}, {}};
    }
    s.last_at = r.call.at;  // calls arrive in time order
    if (!r.call.project.empty()) s.project = r.call.project;
    if (std::find(s.models.begin(), s.models.end(), r.call.model) == s.models.end())
      s.models.push_back(r.call.model);
    s.tokens.add(r.call, prices);
  });
  std::vector<SessionRow> out;
  for (auto& [_, s] : rows) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(), [](const SessionRow& a, const SessionRow& b) {
    return a.first_at < b.first_at;
  });
  return out;
}

std::vector<StudentRow> students(SQLite::Database& db, const Filter& filter,
                                 const PriceTable& prices, const Clock& clock) {
  if (!filter.course)
    throw usage_error("which course? name one, or set a default: cs351 course use CODE");
  const auto course = roster::require_course(db, *filter.course);
  auto f = filter;
  f.student.reset();
  auto by_student = compute_stats_by_student(db, f, prices, clock);
  std::vector<StudentRow> out;
  for (const auto& m : roster::list_members(db, course.id, std::string{"student"})) {
    const auto& s = by_student[m.person_id];
    StudentRow row;
    row.student = filter.anonymize ? student_pseudonym(course.code, m.email) : m.email;
    row.sessions = s.sessions;
    row.active_hours = static_cast<double>(s.seconds) / 3600.0;
    row.tokens = s.tokens;
    row.cache_hit_rate = s.cache_hit_rate;
    row.prompts = s.prompts;
    row.plans = s.plans;
    row.tool_calls = s.tool_calls;
    row.top_tool = s.tools.empty() ? std::string{} : s.tools.front().name;
    out.push_back(std::move(row));
  }
  return out;
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const auto hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

}  // namespace cs351::usage
