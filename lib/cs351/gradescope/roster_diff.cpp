#include "cs351/gradescope/roster_diff.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

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

std::string listed(const std::vector<std::string>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < k_shown; ++i) out += (i ? ", " : "") + list[i];
  if (list.size() > k_shown) out += fmt::format(" and {} more", list.size() - k_shown);
  return out;
}

}  // namespace

std::vector<std::string> roster_differences(SQLite::Database& db, std::int64_t course_id) {
  const auto only_remote = emails(db, R"(
SELECT g.email FROM gradescope_memberships g
WHERE g.course_id = ?1 AND NOT EXISTS (
  SELECT 1 FROM enrollments e JOIN people p ON p.id = e.person_id
  WHERE e.course_id = ?1 AND p.email = g.email AND e.status = 'enrolled')
ORDER BY g.email)",
                                  course_id);
  const auto only_local = emails(db, R"(
SELECT p.email FROM enrollments e JOIN people p ON p.id = e.person_id
WHERE e.course_id = ?1 AND e.status = 'enrolled' AND NOT EXISTS (
  SELECT 1 FROM gradescope_memberships g WHERE g.course_id = ?1 AND g.email = p.email)
ORDER BY p.email)",
                                 course_id);
  std::vector<std::string> out;
  if (!only_remote.empty()) {
    out.push_back(fmt::format("{} on Gradescope but not enrolled locally: {}", only_remote.size(),
                              listed(only_remote)));
  }
  if (!only_local.empty()) {
    out.push_back(fmt::format("{} enrolled locally but not on Gradescope: {}", only_local.size(),
                              listed(only_local)));
  }
  return out;
}

}  // namespace cs351::gradescope
