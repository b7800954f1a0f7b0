#include "cs351/auth/eligibility.h"

#include <SQLiteCpp/Statement.h>

#include "cs351/core/text.h"

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
  q.bind(1, to_lower_ascii(trim(email)));
  return read_person(q);
}

std::optional<Person> find_person(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, "SELECT id, email, name FROM people WHERE id = ?");
  q.bind(1, id);
  return read_person(q);
}

std::vector<std::string> enrolled_addresses(SQLite::Database& db, const std::string& course_code,
                                            const std::string& role) {
  SQLite::Statement q(db,
                      "SELECT DISTINCT p.email FROM enrollments e JOIN courses c ON c.id = "
                      "e.course_id JOIN people p ON p.id = e.person_id WHERE e.status = 'enrolled' "
                      "AND c.active = 1 AND (?1 = '' OR c.code = ?1) AND (?2 = '' OR e.role = ?2) "
                      "ORDER BY p.email");
  q.bind(1, course_code);
  q.bind(2, role);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace cs351::auth
