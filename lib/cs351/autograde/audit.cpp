#include "cs351/autograde/audit.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/queue.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"

namespace cs351::autograde {
namespace {

constexpr double k_tolerance = 1e-6;

// The run that graded Gradescope's submission: the one carrying its id, else
// (a deduplicated second submission carries none) the student's latest run.
std::optional<Run> local_run_for(Queue& queue, std::int64_t course_id,
                                 const std::string& assignment, const gradescope::StoredScore& s) {
  RunFilter filter;
  filter.course_id = course_id;
  filter.assignment = assignment;
  filter.student = s.email;
  const auto runs = queue.list(filter);
  for (const auto& run : runs) {
    if (s.submission_id && run.gradescope_submission_id == s.submission_id) return run;
  }
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

std::optional<Discrepancy> compare(const gradescope::StoredScore& s,
                                   const std::optional<Run>& run) {
  Discrepancy d{s.email,
                s.assignment,
                s.score,
                s.submission_id.value_or(""),
                s.submitted_at.value_or(""),
                {},
                {},
                "",
                "",
                "",
                {},
                ""};
  if (!run) {
    d.problem = "no local run";
    return d;
  }
  d.run_id = run->id;
  d.regrade_of = run->regrade_of;
  d.local_status = status_name(run->status);
  if (run->finished_at) d.local_finished_at = format_utc(*run->finished_at);
  if (!is_finished(run->status)) {
    d.problem = fmt::format("local run still {}", d.local_status);
    return d;
  }
  d.local_score = run->status == RunStatus::succeeded ? run->score.value_or(0) : 0.0;
  const std::string why = run->status == RunStatus::succeeded
                              ? ""
                              : fmt::format(" (local run {}: {})", d.local_status, run->error);
  if (!s.score) {
    d.problem = "no score on Gradescope" + why;
    return d;
  }
  if (std::fabs(*s.score - *d.local_score) <= k_tolerance) return std::nullopt;
  d.problem =
      (run->regrade_of ? fmt::format("a regrade of run {} changed the score", *run->regrade_of)
                       : std::string("scores differ")) +
      why;
  return d;
}

// What closes each kind of discrepancy; the words match docs/autograde.md, "Stale scores".
std::string action_for(const Discrepancy& d) {
  if (!d.run_id) return "not graded here: check the assignment's gradescope_id, or enqueue it";
  if (d.local_status == "queued" || d.local_status == "running")
    return "wait for the run, then check again";
  if (d.regrade_of) return "upload the new score to Gradescope (or regrade the submission there)";
  return "the result did not reach Gradescope (its container gave up): rerun the autograder on "
         "this submission in Gradescope";
}

std::optional<std::string> title_filter(const Config& config,
                                        const std::optional<std::string>& assignment) {
  if (!assignment) return std::nullopt;
  const auto names = assignment_names(config);
  if (std::find(names.begin(), names.end(), *assignment) != names.end()) {
    return require_assignment(config, *assignment).title;
  }
  return assignment;
}

}  // namespace

AuditReport audit_scores(SQLite::Database& db, Queue& queue, const Config& config,
                         const std::string& course_code,
                         const std::optional<std::string>& assignment) {
  const auto course = roster::require_course(db, course_code);
  AuditReport report;
  std::set<std::string> not_autograded;
  for (const auto& s : gradescope::list_scores(db, course.id, title_filter(config, assignment))) {
    const auto local = find_assignment_for_gradescope(config, s.assignment_id, s.assignment);
    if (!local) {
      not_autograded.insert(s.assignment);
      continue;
    }
    if (!s.submission_id && !s.score) continue;  // nothing submitted, nothing to compare
    ++report.compared;
    if (auto d = compare(s, local_run_for(queue, course.id, local->name, s))) {
      d->action = action_for(*d);
      report.discrepancies.push_back(*d);
    }
  }
  report.not_autograded.assign(not_autograded.begin(), not_autograded.end());
  return report;
}

nlohmann::json discrepancy_json(const Discrepancy& d) {
  const auto optional = [](const auto& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"email", d.email},
          {"assignment", d.assignment},
          {"gradescope_score", optional(d.gradescope_score)},
          {"gradescope_submission_id", d.gradescope_submission_id},
          {"gradescope_submitted_at", d.gradescope_submitted_at},
          {"run_id", optional(d.run_id)},
          {"regrade_of", optional(d.regrade_of)},
          {"local_score", optional(d.local_score)},
          {"local_status", d.local_status},
          {"local_finished_at", d.local_finished_at},
          {"problem", d.problem},
          {"action", d.action}};
}

}  // namespace cs351::autograde
