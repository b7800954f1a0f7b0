#include "cs351/roster/course.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/store/events.h"

namespace cs351::roster {
namespace {

constexpr const char* k_columns = "id, code, name, term, timezone, active, gradescope_course_id";

Course read_course(SQLite::Statement& q) {
  Course c;
  c.id = q.getColumn(0).getInt64();
  c.code = q.getColumn(1).getString();
  c.name = q.getColumn(2).getString();
  c.term = q.getColumn(3).getString();
  c.timezone = q.getColumn(4).getString();
  c.active = q.getColumn(5).getInt() != 0;
  if (!q.getColumn(6).isNull()) c.gradescope_course_id = q.getColumn(6).getString();
  return c;
}

void validate(const CourseFields& f) {
  if (f.code.empty() || f.code.find_first_of(" \t\r\n/") != std::string::npos ||
      f.code.size() > 64) {
    throw usage_error(fmt::format(
        "invalid course code '{}': use letters, digits, '-' or '_' (no spaces)", f.code));
  }
  if (f.timezone && !is_valid_timezone(*f.timezone)) {
    throw usage_error(fmt::format(
        "unknown time zone '{}' (use a tz database name such as America/Indiana/Indianapolis)",
        *f.timezone));
  }
}

}  // namespace

Change add_course(SQLite::Database& db, const CourseFields& f, const Clock& clock) {
  validate(f);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const auto now = format_utc(clock.now());
  auto existing = find_course(db, f.code);
  Change change = Change::unchanged;
  if (!existing) {
    SQLite::Statement q(db,
                        "INSERT INTO courses(code, name, term, timezone, created_at, updated_at) "
                        "VALUES (?,?,?,?,?,?)");
    q.bind(1, f.code);
    q.bind(2, f.name.value_or(""));
    q.bind(3, f.term.value_or(""));
    q.bind(4, f.timezone.value_or("UTC"));
    q.bind(5, now);
    q.bind(6, now);
    q.exec();
    change = Change::inserted;
  } else {
    Course next = *existing;
    next.name = f.name.value_or(next.name);
    next.term = f.term.value_or(next.term);
    next.timezone = f.timezone.value_or(next.timezone);
    if (next.name != existing->name || next.term != existing->term ||
        next.timezone != existing->timezone) {
      SQLite::Statement q(
          db, "UPDATE courses SET name = ?, term = ?, timezone = ?, updated_at = ? WHERE id = ?");
      q.bind(1, next.name);
      q.bind(2, next.term);
      q.bind(3, next.timezone);
      q.bind(4, now);
      q.bind(5, next.id);
      q.exec();
      change = Change::updated;
    }
  }
  if (change != Change::unchanged) {
    store::append_event(db, {"course.add", f.code, {{"change", store::change_name(change)}}},
                        clock);
  }
  tx.commit();
  return change;
}

std::vector<Course> list_courses(SQLite::Database& db) {
  SQLite::Statement q(db, fmt::format("SELECT {} FROM courses ORDER BY code", k_columns));
  std::vector<Course> out;
  while (q.executeStep()) out.push_back(read_course(q));
  return out;
}

std::optional<Course> find_course(SQLite::Database& db, const std::string& code) {
  SQLite::Statement q(db, fmt::format("SELECT {} FROM courses WHERE code = ?", k_columns));
  q.bind(1, code);
  if (!q.executeStep()) return std::nullopt;
  return read_course(q);
}

Course require_course(SQLite::Database& db, const std::string& code) {
  if (auto c = find_course(db, code)) return *c;
  std::string known;
  for (const auto& c : list_courses(db)) known += (known.empty() ? "" : ", ") + c.code;
  throw data_error(fmt::format("unknown course '{}' ({}); add it with: cs351 course add {}", code,
                               known.empty() ? "no courses yet" : "known: " + known, code));
}

void set_gradescope_course_id(SQLite::Database& db, std::int64_t course_id,
                              const std::string& gradescope_id, const Clock& clock) {
  SQLite::Statement other(db,
                          "SELECT code FROM courses WHERE gradescope_course_id = ? AND id <> ?");
  other.bind(1, gradescope_id);
  other.bind(2, course_id);
  if (other.executeStep()) {
    throw usage_error(fmt::format("Gradescope course {} is already linked to {}", gradescope_id,
                                  other.getColumn(0).getString()));
  }
  SQLite::Statement q(db,
                      "UPDATE courses SET gradescope_course_id = ?, updated_at = ? WHERE id = ?");
  q.bind(1, gradescope_id);
  q.bind(2, format_utc(clock.now()));
  q.bind(3, course_id);
  q.exec();
}

bool set_course_active(SQLite::Database& db, const std::string& code, bool active,
                       const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Course c = require_course(db, code);
  if (c.active == active) return false;
  SQLite::Statement q(db, "UPDATE courses SET active = ?, updated_at = ? WHERE id = ?");
  q.bind(1, active ? 1 : 0);
  q.bind(2, format_utc(clock.now()));
  q.bind(3, c.id);
  q.exec();
  store::append_event(db, {active ? "course.activate" : "course.deactivate", c.code, {}}, clock);
  tx.commit();
  return true;
}

}  // namespace cs351::roster
