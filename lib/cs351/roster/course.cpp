#include "cs351/roster/course.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cs351/core/error.h"
#include "cs351/core/name_match.h"
#include "cs351/core/text.h"
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

// "time zone 'UTC' (not 'America/Chicago')" for each field given that differs.
std::vector<std::string> differences(const Course& c, const CourseFields& f) {
  std::vector<std::string> out;
  const auto note = [&](const char* what, const std::string& have,
                        const std::optional<std::string>& want) {
    if (want && *want != have) out.push_back(fmt::format("{} '{}' (not '{}')", what, have, *want));
  };
  note("name", c.name, f.name);
  note("term", c.term, f.term);
  note("time zone", c.timezone, f.timezone);
  return out;
}

}  // namespace

Change add_course(SQLite::Database& db, const CourseFields& f, const Clock& clock) {
  validate(f);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (auto existing = find_course(db, f.code)) {
    const auto diffs = differences(*existing, f);
    if (diffs.empty()) return Change::unchanged;
    throw CourseDiffers(existing->code, fmt::format("course {} exists with {}; nothing changed",
                                                    existing->code, fmt::join(diffs, ", ")));
  }
  const auto now = format_utc(clock.now());
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
  store::append_event(db, {"course.add", f.code, {{"change", "inserted"}}}, clock);
  tx.commit();
  return Change::inserted;
}

Change edit_course(SQLite::Database& db, const CourseFields& f, const Clock& clock) {
  validate(f);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Course old = resolve_course(db, f.code);
  const auto diffs = differences(old, f);
  if (diffs.empty()) return Change::unchanged;
  SQLite::Statement q(
      db, "UPDATE courses SET name = ?, term = ?, timezone = ?, updated_at = ? WHERE id = ?");
  q.bind(1, f.name.value_or(old.name));
  q.bind(2, f.term.value_or(old.term));
  q.bind(3, f.timezone.value_or(old.timezone));
  q.bind(4, format_utc(clock.now()));
  q.bind(5, old.id);
  q.exec();
  store::append_event(
      db, {"course.edit", old.code, {{"was", fmt::format("{}", fmt::join(diffs, ", "))}}}, clock);
  tx.commit();
  return Change::updated;
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

Course resolve_course(SQLite::Database& db, const std::string& text) {
  if (auto exact = find_course(db, std::string(trim(text)))) return *exact;
  const auto courses = list_courses(db);
  std::vector<NamedThing> candidates;
  for (const auto& c : courses) {
    NamedThing n{c.code, {c.code}, {c.code}};
    if (!c.name.empty()) {
      n.names.push_back(c.name);
      n.label += fmt::format(" ({})", c.name);
    }
    if (c.gradescope_course_id) n.ids.push_back(*c.gradescope_course_id);
    candidates.push_back(std::move(n));
  }
  if (auto at = find_named(candidates, text, {"course", "", ""})) return courses[*at];
  return require_course(db, std::string(trim(text)));
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

void clear_gradescope_course_id(SQLite::Database& db, std::int64_t course_id, const Clock& clock) {
  SQLite::Statement q(
      db, "UPDATE courses SET gradescope_course_id = NULL, updated_at = ? WHERE id = ?");
  q.bind(1, format_utc(clock.now()));
  q.bind(2, course_id);
  q.exec();
}

std::vector<store::TableRows> course_data(SQLite::Database& db, const Course& course) {
  return store::dependent_rows(db, "courses", course.id);
}

void remove_course(SQLite::Database& db, const Course& course, const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  nlohmann::json removed = nlohmann::json::object();
  for (const auto& t : course_data(db, course)) removed[t.table] = t.rows;
  store::delete_with_dependents(db, "courses", course.id);
  store::append_event(db, {"course.remove", course.code, {{"rows", removed}}}, clock);
  tx.commit();
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
