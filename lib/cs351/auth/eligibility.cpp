#include "cs351/auth/eligibility.h"

#include <SQLiteCpp/Statement.h>

#include <set>

#include "cs351/core/text.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"

namespace cs351::auth {
namespace {

std::optional<Person> read_person(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  return Person{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}

}  // namespace

bool is_onboarded(SQLite::Database& db, std::int64_t person_id) {
  SQLite::Statement q(db,
                      "SELECT 1 FROM magic_links WHERE person_id = ? AND purpose = 'onboard' AND "
                      "used_at IS NOT NULL LIMIT 1");
  q.bind(1, person_id);
  return q.executeStep();
}

std::vector<CourseRole> eligible_roles(SQLite::Database& db, std::int64_t person_id,
                                       Purpose purpose) {
  SQLite::Statement q(
      db,
      "SELECT c.code, e.role FROM enrollments e JOIN courses c ON c.id = e.course_id "
      "WHERE e.person_id = ? AND e.status = 'enrolled' AND c.active = 1 ORDER BY c.code");
  q.bind(1, person_id);
  const bool onboarded = is_onboarded(db, person_id);
  std::vector<CourseRole> out;
  while (q.executeStep()) {
    CourseRole r{q.getColumn(0).getString(), q.getColumn(1).getString()};
    const bool staff = r.role != "student";
    const bool ok = purpose == Purpose::onboard ? staff : (!staff || onboarded);
    if (ok) out.push_back(std::move(r));
  }
  return out;
}

std::optional<Person> find_person(SQLite::Database& db, const std::string& email) {
  SQLite::Statement q(db, "SELECT id, email, name FROM people WHERE email = ?");
  q.bind(1, roster::normalize_email(email));
  return read_person(q);
}

std::optional<Person> find_person(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, "SELECT id, email, name FROM people WHERE id = ?");
  q.bind(1, id);
  return read_person(q);
}

std::vector<std::string> enrolled_addresses(SQLite::Database& db, const std::string& course_code,
                                            const std::string& role) {
  std::set<std::string> emails;
  for (const auto& course : roster::list_courses(db)) {
    if (!course.active) continue;
    if (!course_code.empty() && to_lower_ascii(course.code) != to_lower_ascii(course_code))
      continue;
    const auto members =
        roster::list_members(db, course.id, role.empty() ? std::nullopt : std::optional(role));
    for (const auto& m : members) emails.insert(m.email);
  }
  return {emails.begin(), emails.end()};
}

}  // namespace cs351::auth
