#include "cs351/gradescope/queries.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/store/events.h"

namespace cs351::gradescope {
namespace {

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
std::optional<double> opt_real(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}
std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

std::string known_titles(SQLite::Database& db, std::int64_t course_id) {
  std::string out;
  for (const auto& a : list_assignments(db, course_id)) out += (out.empty() ? "" : ", ") + a.title;
  return out.empty() ? "none synced yet" : out;
}

}  // namespace

store::Change link_course(SQLite::Database& db, const std::string& code,
                          const std::string& gradescope_id, const Clock& clock) {
  if (gradescope_id.empty() || gradescope_id.size() > 18 ||
      gradescope_id.find_first_not_of("0123456789") != std::string::npos) {
    throw usage_error(fmt::format(
        "'{}' is not a Gradescope course id (the digits in https://www.gradescope.com/courses/ID)",
        gradescope_id));
  }
  const auto course = roster::require_course(db, code);
  if (course.gradescope_course_id == gradescope_id) return store::Change::unchanged;
  roster::set_gradescope_course_id(db, course.id, gradescope_id, clock);
  store::append_event(db,
                      {"gradescope.link",
                       course.code,
                       {{"gradescope_course_id", gradescope_id},
                        {"previous", course.gradescope_course_id.value_or("")}}},
                      clock);
  return course.gradescope_course_id ? store::Change::updated : store::Change::inserted;
}

std::optional<std::string> unlink_course(SQLite::Database& db, const std::string& code,
                                         const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const auto course = roster::resolve_course(db, code);
  if (!course.gradescope_course_id) return std::nullopt;
  roster::clear_gradescope_course_id(db, course.id, clock);
  store::append_event(
      db, {"gradescope.unlink", course.code, {{"previous", *course.gradescope_course_id}}}, clock);
  tx.commit();
  return course.gradescope_course_id;
}

std::vector<StoredAssignment> list_assignments(SQLite::Database& db, std::int64_t course_id) {
  SQLite::Statement q(
      db,
      R"(SELECT gradescope_id, title, total_points, release_at, due_at, late_due_at, published, id
FROM gradescope_assignments WHERE course_id = ? ORDER BY due_at IS NULL, due_at, title)");
  q.bind(1, static_cast<int64_t>(course_id));
  std::vector<StoredAssignment> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), opt_real(q.getColumn(2)),
                   opt_text(q.getColumn(3)), opt_text(q.getColumn(4)), opt_text(q.getColumn(5)),
                   q.getColumn(6).getInt() != 0, q.getColumn(7).getInt64()});
  }
  return out;
}

std::vector<StoredScore> list_scores(SQLite::Database& db, std::int64_t course_id,
                                     const std::optional<std::string>& title) {
  SQLite::Statement q(
      db,
      R"(SELECT a.title, a.gradescope_id, s.email, s.status, s.score, s.max_points, s.submission_id,
  s.submitted_at, s.lateness_s, s.submission_count
FROM gradescope_scores s JOIN gradescope_assignments a ON a.id = s.assignment_id
WHERE a.course_id = ?1 AND (?2 IS NULL OR a.title = ?2)
ORDER BY a.due_at IS NULL, a.due_at, a.title, s.email)");
  q.bind(1, static_cast<int64_t>(course_id));
  if (title) {
    q.bind(2, *title);
  } else {
    q.bind(2);
  }
  std::vector<StoredScore> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString(), opt_real(q.getColumn(4)),
                   opt_real(q.getColumn(5)), opt_text(q.getColumn(6)), opt_text(q.getColumn(7)),
                   opt_int(q.getColumn(8)), opt_int(q.getColumn(9))});
  }
  if (title && out.empty()) {
    SQLite::Statement exists(
        db, "SELECT 1 FROM gradescope_assignments WHERE course_id = ? AND title = ?");
    exists.bind(1, static_cast<int64_t>(course_id));
    exists.bind(2, *title);
    if (!exists.executeStep()) {
      throw data_error(fmt::format("no assignment titled '{}' (known: {})", *title,
                                   known_titles(db, course_id)));
    }
  }
  return out;
}

std::vector<StoredMember> list_members(SQLite::Database& db, std::int64_t course_id) {
  SQLite::Statement q(db,
                      R"(SELECT email, name, sid, role, sections, membership_id, gradescope_user_id
FROM gradescope_memberships WHERE course_id = ? ORDER BY role, email)");
  q.bind(1, static_cast<int64_t>(course_id));
  std::vector<StoredMember> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getString(), q.getColumn(5).getString(),
                   opt_text(q.getColumn(6))});
  }
  return out;
}

}  // namespace cs351::gradescope
