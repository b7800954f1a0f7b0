#include "cs351/gradescope/mirror.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

namespace cs351::gradescope {
namespace {

template <typename T>
Value optional_value(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>) {
    return static_cast<std::int64_t>(*v);
  } else {
    return *v;
  }
}

std::optional<std::string> utc(const std::optional<std::string>& local, const std::string& timezone,
                               const AssignmentRow& row, const char* field) {
  if (!local) return std::nullopt;
  const auto t = parse_time(*local, timezone);
  if (!t)
    throw data_error(
        fmt::format("assignment {} ({}): {} '{}' is not a time", row.id, row.title, field, *local));
  return format_utc(*t);
}

}  // namespace

std::vector<AssignmentRecord> to_records(const std::vector<AssignmentRow>& rows,
                                         const std::string& timezone) {
  std::vector<AssignmentRecord> out;
  for (const auto& r : rows) {
    out.push_back({r.id, r.title, r.total_points, utc(r.release_date, timezone, r, "release_date"),
                   utc(r.due_date, timezone, r, "due_date"),
                   utc(r.hard_due_date, timezone, r, "hard_due_date"), r.published});
  }
  return out;
}

Tally save_assignments(SQLite::Database& db, std::int64_t course_id,
                       const std::vector<AssignmentRecord>& records, const std::string& now,
                       std::map<std::string, std::int64_t>& ids) {
  Tally tally;
  for (const auto& a : records) {
    const auto r = upsert_row(db, "gradescope_assignments",
                              {{"course_id", course_id}, {"gradescope_id", a.gradescope_id}},
                              {{"title", a.title},
                               {"total_points", optional_value(a.total_points)},
                               {"release_at", optional_value(a.release_at)},
                               {"due_at", optional_value(a.due_at)},
                               {"late_due_at", optional_value(a.late_due_at)},
                               {"published", std::int64_t{a.published ? 1 : 0}}},
                              now);
    tally.add(r.change);
    ids[a.gradescope_id] = r.id;
  }
  return tally;
}

Tally save_members(SQLite::Database& db, std::int64_t course_id,
                   const std::vector<MemberRow>& members, const std::string& now) {
  Tally tally;
  for (const auto& m : members) {
    const auto r =
        upsert_row(db, "gradescope_memberships", {{"course_id", course_id}, {"email", m.email}},
                   {{"name", m.name},
                    {"sid", m.sid},
                    {"role", m.role},
                    {"sections", nlohmann::json(m.sections).dump()},
                    {"gradescope_user_id", optional_value(m.user_id)},
                    {"membership_id", m.membership_id}},
                   now);
    tally.add(r.change);
  }
  return tally;
}

Tally save_scores(SQLite::Database& db, std::int64_t assignment_id,
                  const std::vector<ScoreRow>& rows, const std::string& now) {
  Tally tally;
  for (const auto& s : rows) {
    const std::optional<std::string> submitted =
        s.submitted_at ? std::optional(format_utc(*s.submitted_at)) : std::nullopt;
    const auto r =
        upsert_row(db, "gradescope_scores", {{"assignment_id", assignment_id}, {"email", s.email}},
                   {{"score", optional_value(s.score)},
                    {"max_points", optional_value(s.max_points)},
                    {"status", s.status},
                    {"submission_id", optional_value(s.submission_id)},
                    {"submitted_at", optional_value(submitted)},
                    {"lateness_s", optional_value(s.lateness_s)},
                    {"submission_count", optional_value(s.submission_count)}},
                   now);
    tally.add(r.change);
  }
  return tally;
}

Tally save_history(SQLite::Database& db, std::int64_t assignment_id,
                   const std::vector<std::string>& emails,
                   const std::vector<PastSubmission>& attempts, const std::string& now) {
  Tally tally;
  for (const auto& email : emails) {
    for (const auto& a : attempts) {
      const auto r = upsert_row(
          db, "gradescope_submissions",
          {{"assignment_id", assignment_id}, {"email", email}, {"submission_id", a.id}},
          {{"created_at", format_utc(a.created_at)}, {"score", optional_value(a.score)}}, now);
      tally.add(r.change);
    }
  }
  return tally;
}

}  // namespace cs351::gradescope
