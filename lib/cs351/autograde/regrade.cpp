#include "cs351/autograde/regrade.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/queue_rules.h"

namespace cs351::autograde {
namespace {

constexpr double k_same_score = 1e-6;  // as `audit scores` compares

// Every run of the assignment, newest first.
std::vector<Run> assignment_runs(Queue& queue, std::int64_t course_id,
                                 const std::string& assignment) {
  RunFilter filter;
  filter.course_id = course_id;
  filter.assignment = assignment;
  filter.limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return queue.list(filter);
}

bool has_any(const std::vector<std::string>& students, const std::set<std::string>& wanted) {
  return std::any_of(students.begin(), students.end(),
                     [&](const std::string& s) { return wanted.count(s) > 0; });
}

// Each student's latest live (not regrade, not cancelled) run, once per run, newest first.
std::vector<Run> latest_submissions(const std::vector<Run>& newest_first) {
  std::set<std::string> seen;
  std::vector<Run> out;
  for (const auto& run : newest_first) {
    if (run.regrade_of || run.status == RunStatus::cancelled) continue;
    bool latest_for_someone = false;
    for (const auto& s : run.students) latest_for_someone |= seen.insert(s).second;
    if (latest_for_someone) out.push_back(run);
  }
  return out;
}

// The newest regrade of each replaced run.
std::map<std::int64_t, Run> latest_regrades(const std::vector<Run>& newest_first) {
  std::map<std::int64_t, Run> out;
  for (const auto& run : newest_first)
    if (run.regrade_of) out.emplace(*run.regrade_of, run);
  return out;
}

RegradeRow row_for(const Run& old, const Run& regrade) {
  RegradeRow row{old.students, old.id, old.score, regrade.id, regrade.score, {}, "", ""};
  if (!is_finished(regrade.status)) {
    row.state = "pending";
  } else if (regrade.status != RunStatus::succeeded) {
    row.state = "failed";
    row.error = regrade.error;
  } else if (old.score && regrade.score) {
    row.change = *regrade.score - *old.score;
    row.state = std::fabs(*row.change) <= k_same_score ? "unchanged" : "changed";
  } else {
    row.state = old.score == regrade.score ? "unchanged" : "changed";
  }
  return row;
}

int state_rank(const std::string& state) {
  for (int i = 0; const char* s : {"changed", "pending", "failed", "unchanged"}) {
    if (state == s) return i;
    ++i;
  }
  return 4;
}

bool report_order(const RegradeRow& a, const RegradeRow& b) {
  if (a.state != b.state) return state_rank(a.state) < state_rank(b.state);
  const double ca = a.change ? std::fabs(*a.change) : std::numeric_limits<double>::infinity();
  const double cb = b.change ? std::fabs(*b.change) : std::numeric_limits<double>::infinity();
  if (ca != cb) return ca > cb;
  return a.students < b.students;
}

RegradePlan plan_regrade(Queue& queue, const RegradeSelection& selection) {
  const auto runs = assignment_runs(queue, selection.course_id, selection.assignment);
  const auto regrades = latest_regrades(runs);
  std::set<std::string> wanted;
  if (!selection.students.empty()) {
    const auto normalised = normalised_students(selection.students);
    wanted.insert(normalised.begin(), normalised.end());
  }
  RegradePlan plan;
  for (const auto& run : latest_submissions(runs)) {
    if (!wanted.empty() && !has_any(run.students, wanted)) continue;
    if (selection.since && run.submitted_at < *selection.since) continue;
    const auto regrade = regrades.find(run.id);
    if (!is_finished(run.status)) {
      plan.still_live.push_back(run);
    } else if (regrade != regrades.end() && !is_finished(regrade->second.status)) {
      plan.already_pending.push_back(run);
    } else {
      plan.to_regrade.push_back(run);
    }
  }
  // Oldest submissions first, as they were first graded.
  std::reverse(plan.to_regrade.begin(), plan.to_regrade.end());
  return plan;
}

std::vector<Run> start_regrade(Queue& queue, const RegradePlan& plan, const Clock& clock) {
  std::vector<Run> started;
  for (const auto& old : plan.to_regrade) {
    EnqueueRequest request;
    request.course_id = old.course_id;
    request.assignment = old.assignment;
    request.students = old.students;
    request.submission = old.submission;
    request.gradescope_submission_id = old.gradescope_submission_id;
    request.submitted_at = old.submitted_at;
    request.regrade_of = old.id;
    started.push_back(queue.enqueue(request, clock).run);
  }
  return started;
}

}  // namespace

RegradePlan regrade(Queue& queue, const Config& config, const RegradeSelection& selection,
                    bool dry_run, const Clock& clock) {
  require_assignment(config, selection.assignment);
  queue.reap_expired(clock);
  RegradePlan plan = plan_regrade(queue, selection);
  if (!dry_run) plan.started = start_regrade(queue, plan, clock);
  return plan;
}

std::vector<RegradeRow> regrade_report(Queue& queue, std::int64_t course_id,
                                       const std::string& assignment) {
  const auto runs = assignment_runs(queue, course_id, assignment);
  std::map<std::int64_t, const Run*> by_id;
  for (const auto& run : runs) by_id.emplace(run.id, &run);
  std::vector<RegradeRow> rows;
  for (const auto& [old_id, regrade] : latest_regrades(runs)) {
    const auto old = by_id.find(old_id);
    if (old != by_id.end()) rows.push_back(row_for(*old->second, regrade));
  }
  std::sort(rows.begin(), rows.end(), report_order);
  return rows;
}

}  // namespace cs351::autograde
