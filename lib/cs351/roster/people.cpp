#include "cs351/roster/people.h"
#include "cs351/core/json.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Transaction.h>

#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/store/events.h"

namespace cs351::roster {
namespace {

constexpr const char* k_select = R"(
SELECT p.id, p.email, p.name, p.first_name, p.last_name, COALESCE(p.sid, ''), e.role, e.status, e.sections
FROM enrollments e JOIN people p ON p.id = e.person_id
WHERE e.course_id = ?)";

Member read_member(SQLite::Statement& q) {
  Member m;
  m.person_id = q.getColumn(0).getInt64();
  m.email = q.getColumn(1).getString();
  m.name = q.getColumn(2).getString();
  m.first_name = q.getColumn(3).getString();
  m.last_name = q.getColumn(4).getString();
  m.sid = q.getColumn(5).getString();
  m.role = q.getColumn(6).getString();
  m.status = q.getColumn(7).getString();
  const auto sections = parse_json(q.getColumn(8).getString());
  if (sections.is_array()) {
    for (const auto& s : sections) {
      if (s.is_string()) m.sections.push_back(s.get<std::string>());
    }
  }
  return m;
}

std::optional<Person> read_person(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  return Person{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}

}  // namespace

std::optional<Person> find_person(SQLite::Database& db, const std::string& email) {
  SQLite::Statement q(db, "SELECT id, email, name FROM people WHERE email = ?");
  q.bind(1, normalize_email(email));
  return read_person(q);
}

std::optional<Person> find_person(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, "SELECT id, email, name FROM people WHERE id = ?");
  q.bind(1, id);
  return read_person(q);
}

std::vector<CourseRole> active_enrollments(SQLite::Database& db, std::int64_t person_id) {
  SQLite::Statement q(
      db,
      "SELECT c.code, e.role FROM enrollments e JOIN courses c ON c.id = e.course_id "
      "WHERE e.person_id = ? AND e.status = 'enrolled' AND c.active = 1 ORDER BY c.code");
  q.bind(1, person_id);
  std::vector<CourseRole> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
  return out;
}

std::optional<std::int64_t> find_person_id(SQLite::Database& db, const std::string& email) {
  SQLite::Statement q(db, "SELECT id FROM people WHERE email = ?");
  q.bind(1, normalize_email(email));
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::optional<Member> find_member(SQLite::Database& db, std::int64_t course_id,
                                  const std::string& email) {
  SQLite::Statement q(db, std::string(k_select) + " AND p.email = ?");
  q.bind(1, course_id);
  q.bind(2, normalize_email(email));
  if (!q.executeStep()) return std::nullopt;
  return read_member(q);
}

std::vector<Member> list_members(SQLite::Database& db, std::int64_t course_id,
                                 const std::optional<std::string>& role, bool include_dropped) {
  std::string sql = k_select;
  if (role) sql += " AND e.role = :role";
  if (!include_dropped) sql += " AND e.status = 'enrolled'";
  sql += " ORDER BY p.last_name, p.first_name, p.email";
  SQLite::Statement q(db, sql);
  q.bind(1, course_id);
  if (role) q.bind(":role", *role);
  std::vector<Member> out;
  while (q.executeStep()) out.push_back(read_member(q));
  return out;
}

std::vector<std::string> remove_members(SQLite::Database& db, const std::string& course_code,
                                        const std::vector<std::string>& emails,
                                        const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Course course = require_course(db, course_code);
  std::vector<std::string> removed;
  SQLite::Statement q(db,
                      "DELETE FROM enrollments WHERE course_id = ? AND person_id = (SELECT id FROM "
                      "people WHERE email = ?)");
  for (const auto& raw : emails) {
    const auto email = normalize_email(raw);
    q.reset();
    q.bind(1, course.id);
    q.bind(2, email);
    if (q.exec() == 0) continue;
    removed.push_back(email);
    store::append_event(db, {"roster.remove", email, {{"course", course.code}}}, clock);
  }
  tx.commit();
  return removed;
}

}  // namespace cs351::roster
