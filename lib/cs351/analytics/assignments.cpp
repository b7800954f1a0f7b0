#include "cs351/analytics/assignments.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/queries.h"

namespace cs351::analytics {
namespace {

std::optional<std::string> column_text(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}

// The time as stored text (UTC), or a usage Error naming which time it is.
std::optional<std::string> stored_time(const std::optional<std::string>& text, const char* what,
                                       const std::string& tz) {
  if (!text) return std::nullopt;
  const auto t = parse_time(trim(*text), tz);
  if (!t)
    throw usage_error(fmt::format(
        "{}: cannot read '{}' as a time (e.g. 2026-02-10T23:59, course-local)", what, *text));
  return format_utc(*t);
}

struct Row {
  std::optional<std::string> release, due, late_due;
  std::optional<double> max_points;
  bool operator==(const Row&) const = default;
};

std::optional<Row> current_row(SQLite::Database& db, std::int64_t course_id,
                               const std::string& name) {
  SQLite::Statement q(
      db,
      "SELECT release_at, due_at, late_due_at, max_points FROM analytics_assignments "
      "WHERE course_id = ? AND name = ?");
  q.bind(1, course_id);
  q.bind(2, name);
  if (!q.executeStep()) return std::nullopt;
  return Row{
      column_text(q.getColumn(0)), column_text(q.getColumn(1)), column_text(q.getColumn(2)),
      q.getColumn(3).isNull() ? std::nullopt : std::optional<double>(q.getColumn(3).getDouble())};
}

void bind_optional(SQLite::Statement& s, int i, const std::optional<std::string>& v) {
  v ? s.bind(i, *v) : s.bind(i);
}

Row merged(const std::optional<Row>& old, const AssignmentFields& f, const std::string& tz) {
  Row row = old.value_or(Row{});
  if (f.release) row.release = stored_time(f.release, "release", tz);
  if (f.due) row.due = stored_time(f.due, "due date", tz);
  if (f.late_due) row.late_due = stored_time(f.late_due, "late due date", tz);
  if (f.max_points) {
    if (!std::isfinite(*f.max_points) || *f.max_points <= 0)
      throw usage_error("an assignment's max points must be a positive number");
    row.max_points = f.max_points;
  }
  // ISO-8601 UTC text sorts as time.
  if (row.release && row.due && *row.due < *row.release)
    throw usage_error("the due date is before the release");
  if (row.due && row.late_due && *row.late_due < *row.due)
    throw usage_error("the late due date is before the due date");
  return row;
}

std::optional<TimePoint> column_time(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : parse_time(c.getString());
}

std::optional<TimePoint> stored_time_point(const std::optional<std::string>& text) {
  return text ? parse_time(*text) : std::nullopt;
}

// Our own row: fills `a` and returns its id.
std::optional<std::int64_t> take_own(SQLite::Database& db, std::int64_t course_id,
                                     const std::string& name, AssignmentInfo& a) {
  SQLite::Statement q(db,
                      "SELECT id, name, release_at, due_at, max_points FROM analytics_assignments "
                      "WHERE course_id = ? AND name = ?");
  q.bind(1, course_id);
  q.bind(2, name);
  if (!q.executeStep()) return std::nullopt;
  a.name = q.getColumn(1).getString();
  a.release = column_time(q.getColumn(2));
  a.due = column_time(q.getColumn(3));
  if (!q.getColumn(4).isNull()) a.max_points = q.getColumn(4).getDouble();
  return q.getColumn(0).getInt64();
}

// Gradescope's assignment titled `name` (any ASCII case; the first synced when
// several are): fills the fields `a` does not have yet and returns its row id.
std::optional<std::int64_t> take_gradescope(const std::vector<gradescope::StoredAssignment>& synced,
                                            const std::string& name, AssignmentInfo& a) {
  const gradescope::StoredAssignment* found = nullptr;
  for (const auto& g : synced) {
    if (to_lower_ascii(g.title) == to_lower_ascii(name) && (!found || g.row_id < found->row_id))
      found = &g;
  }
  if (!found) return std::nullopt;
  if (a.name.empty()) a.name = found->title;
  if (!a.release) a.release = stored_time_point(found->release_at);
  if (!a.due) a.due = stored_time_point(found->due_at);
  if (!a.max_points) a.max_points = found->total_points;
  return found->row_id;
}

}  // namespace

store::Change add_assignment(SQLite::Database& db, const roster::Course& course,
                             const AssignmentFields& f, const Clock& clock) {
  const std::string name(trim(f.name));
  if (name.empty()) throw usage_error("an assignment needs a name");
  if (invalid_utf8_at(name)) throw usage_error("the assignment name is not valid UTF-8");
  const auto old = current_row(db, course.id, name);
  const Row row = merged(old, f, course.timezone);
  if (old && *old == row) return store::Change::unchanged;
  const std::string now = format_utc(clock.now());
  SQLite::Statement up(db, R"sql(
INSERT INTO analytics_assignments (course_id, name, release_at, due_at, late_due_at, max_points, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
ON CONFLICT (course_id, name) DO UPDATE SET release_at = ?3, due_at = ?4, late_due_at = ?5, max_points = ?6, updated_at = ?7)sql");
  up.bind(1, course.id);
  up.bind(2, name);
  bind_optional(up, 3, row.release);
  bind_optional(up, 4, row.due);
  bind_optional(up, 5, row.late_due);
  row.max_points ? up.bind(6, *row.max_points) : up.bind(6);
  up.bind(7, now);
  up.exec();
  return old ? store::Change::updated : store::Change::inserted;
}

AssignmentInfo require_assignment(SQLite::Database& db, const roster::Course& course,
                                  const std::string& name,
                                  const std::optional<std::string>& autograde_name) {
  const std::string wanted(trim(name));
  AssignmentInfo a;
  a.course_id = course.id;
  a.autograde_name = autograde_name;
  // Ours first, so our fields win over Gradescope's.
  a.own_id = take_own(db, course.id, wanted, a);
  const auto synced = gradescope::list_assignments(db, course.id);
  a.gradescope_id = take_gradescope(synced, wanted, a);
  if (a.own_id || a.gradescope_id) return a;
  if (autograde_name) {
    a.name = wanted;
    return a;
  }
  std::set<std::string> names;
  for (const auto& own : list_own_assignments(db, course.id)) names.insert(own.name);
  for (const auto& g : synced) names.insert(g.title);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  throw data_error(
      fmt::format("no assignment '{}' in {} (known: {}); add it with `cs351 assignments add`", name,
                  course.code, known.empty() ? "none" : known));
}

std::vector<OwnAssignment> list_own_assignments(SQLite::Database& db, std::int64_t course_id) {
  SQLite::Statement q(
      db,
      "SELECT name, release_at, due_at, late_due_at, max_points FROM "
      "analytics_assignments WHERE course_id = ? ORDER BY due_at IS NULL, due_at, name");
  q.bind(1, course_id);
  auto text = [&](int i) {
    return q.getColumn(i).isNull() ? std::nullopt : std::optional(q.getColumn(i).getString());
  };
  std::vector<OwnAssignment> out;
  while (q.executeStep()) {
    out.push_back(
        {q.getColumn(0).getString(), text(1), text(2), text(3),
         q.getColumn(4).isNull() ? std::nullopt : std::optional(q.getColumn(4).getDouble())});
  }
  return out;
}

}  // namespace cs351::analytics
