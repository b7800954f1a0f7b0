#include "cs351/gradescope/roster_diff.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

namespace cs351::gradescope {
namespace {

constexpr std::size_t k_shown = 5;

std::vector<std::string> emails(SQLite::Database& db, const char* sql, std::int64_t course_id) {
  SQLite::Statement q(db, sql);
  q.bind(1, static_cast<int64_t>(course_id));
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::string listed(const std::vector<std::string>& list, bool full) {
  const std::size_t shown = full ? list.size() : std::min(list.size(), k_shown);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + list[i];
  if (list.size() > shown) out += fmt::format(" and {} more (-v lists all)", list.size() - shown);
  return out;
}

}  // namespace

RosterDifferences roster_differences(SQLite::Database& db, std::int64_t course_id) {
  auto only_remote = emails(db, R"(
SELECT g.email FROM gradescope_memberships g
WHERE g.course_id = ?1 AND NOT EXISTS (
  SELECT 1 FROM enrollments e JOIN people p ON p.id = e.person_id
  WHERE e.course_id = ?1 AND p.email = g.email AND e.status = 'enrolled')
ORDER BY g.email)",
                            course_id);
  auto only_local = emails(db, R"(
SELECT p.email FROM enrollments e JOIN people p ON p.id = e.person_id
WHERE e.course_id = ?1 AND e.status = 'enrolled' AND NOT EXISTS (
  SELECT 1 FROM gradescope_memberships g WHERE g.course_id = ?1 AND g.email = p.email)
ORDER BY p.email)",
                           course_id);
  return {std::move(only_remote), std::move(only_local)};
}

std::vector<std::string> describe(const RosterDifferences& d, bool full) {
  std::vector<std::string> out;
  if (!d.only_on_gradescope.empty()) {
    out.push_back(fmt::format("{} on Gradescope but not enrolled locally: {}",
                              d.only_on_gradescope.size(), listed(d.only_on_gradescope, full)));
  }
  if (!d.only_local.empty()) {
    out.push_back(fmt::format("{} enrolled locally but not on Gradescope: {}", d.only_local.size(),
                              listed(d.only_local, full)));
  }
  return out;
}

}  // namespace cs351::gradescope
