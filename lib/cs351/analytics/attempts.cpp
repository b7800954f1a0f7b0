#include "cs351/analytics/attempts.h"

#include <algorithm>
#include <limits>

#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"

namespace cs351::analytics {
namespace {

// Runs `sql` (one bound id; columns email, submitted_at, score, max_score) into `out`.
void collect(SQLite::Database& db, const char* sql, std::int64_t id, const char* source,
             std::vector<Attempt>& out) {
  SQLite::Statement q(db, sql);
  q.bind(1, id);
  while (q.executeStep()) {
    const auto when = parse_time(q.getColumn(1).getString());
    if (!when)
      throw data_error("store: unreadable submission time '" + q.getColumn(1).getString() +
                       "' from " + source);
    Attempt a{q.getColumn(0).getString(), *when, q.getColumn(2).getDouble(), std::nullopt, source};
    if (!q.getColumn(3).isNull()) a.max_score = q.getColumn(3).getDouble();
    out.push_back(std::move(a));
  }
}

// Rows of `submissions import`.
void imported(SQLite::Database& db, std::int64_t assignment_id, std::vector<Attempt>& out) {
  collect(db,
          "SELECT lower(email), submitted_at, score, max_score FROM analytics_submissions WHERE "
          "assignment_id = ?",
          assignment_id, "import", out);
}

// Gradescope's submission history (docs/gradescope.md: gradescope_submissions);
// an attempt without a score is not graded yet and says nothing about success.
void gradescope(SQLite::Database& db, std::int64_t gradescope_assignment_id,
                std::vector<Attempt>& out) {
  collect(db,
          "SELECT lower(email), created_at, score, NULL FROM gradescope_submissions "
          "WHERE assignment_id = ? AND score IS NOT NULL",
          gradescope_assignment_id, "gradescope", out);
}

// Local autograde runs that produced a score, one attempt per student of the
// run, read through the queue (SQLite or PostgreSQL, whichever holds them). A
// regrade is the same attempt graded again, not one the student made.
void autograde(autograde::Queue& runs, std::int64_t course_id, const std::string& assignment,
               std::vector<Attempt>& out) {
  autograde::RunFilter filter;
  filter.status = autograde::RunStatus::succeeded;
  filter.course_id = course_id;
  filter.limit = std::numeric_limits<std::int64_t>::max();
  for (const auto& run : runs.list(filter)) {
    if (!run.score || run.regrade_of ||
        to_lower_ascii(run.assignment) != to_lower_ascii(assignment))
      continue;
    for (const auto& email : run.students)
      out.push_back({email, run.submitted_at, *run.score, std::nullopt, "autograde"});
  }
}

}  // namespace

std::vector<Attempt> load_attempts(SQLite::Database& db, autograde::Queue& runs,
                                   const AssignmentInfo& assignment) {
  std::vector<Attempt> out;
  if (assignment.own_id) imported(db, *assignment.own_id, out);
  if (assignment.gradescope_id) gradescope(db, *assignment.gradescope_id, out);
  autograde(runs, assignment.course_id, assignment.autograde_name.value_or(assignment.name), out);
  std::stable_sort(out.begin(), out.end(), [](const Attempt& a, const Attempt& b) {
    return std::tie(a.email, a.submitted_at) < std::tie(b.email, b.submitted_at);
  });
  const auto same = [](const Attempt& a, const Attempt& b) {
    return a.email == b.email &&
           std::chrono::floor<std::chrono::seconds>(a.submitted_at) ==
               std::chrono::floor<std::chrono::seconds>(b.submitted_at) &&
           a.score == b.score;
  };
  out.erase(std::unique(out.begin(), out.end(), same), out.end());
  return out;
}

}  // namespace cs351::analytics
