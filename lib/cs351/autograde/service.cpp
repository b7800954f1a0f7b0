#include "cs351/autograde/service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <thread>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/results.h"
#include "cs351/core/backoff.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"

namespace cs351::autograde {

std::filesystem::path artifacts_dir(const store::Store& store) {
  return store.data_dir() / "autograde" / "artifacts";
}
std::filesystem::path work_dir(const store::Store& store) {
  return store.data_dir() / "autograde" / "work";
}

EnqueueResult enqueue_submission(store::Store& store, Queue& queue, const Config& config,
                                 const SubmissionRequest& request, const Clock& clock) {
  const auto course = roster::require_course(store.db(), request.course_code);
  const auto assignment = require_assignment(config, request.assignment);
  EnqueueRequest req;
  req.course_id = course.id;
  req.assignment = assignment.name;
  req.students = request.students;
  req.submission = queue.artifacts().put_submission(request.files);
  req.gradescope_submission_id = request.gradescope_submission_id;
  req.submitted_at = request.submitted_at;
  req.dedupe_window = assignment.dedupe_window;
  return queue.enqueue(req, clock);
}

nlohmann::json run_json(Queue& queue, const Run& run) {
  auto time = [](const std::optional<TimePoint>& t) -> nlohmann::json {
    if (!t) return nullptr;
    return format_utc(*t);
  };
  nlohmann::json j{
      {"run_id", run.id},
      {"assignment", run.assignment},
      {"students", run.students},
      {"status", status_name(run.status)},
      {"score", run.score ? nlohmann::json(*run.score) : nlohmann::json(nullptr)},
      {"error", run.error},
      {"attempt", run.attempt},
      {"worker_id", run.worker_id},
      {"gradescope_submission_id", run.gradescope_submission_id.value_or("")},
      {"submitted_at", format_utc(run.submitted_at)},
      {"enqueued_at", format_utc(run.enqueued_at)},
      {"started_at", time(run.started_at)},
      {"finished_at", time(run.finished_at)},
      {"dedupe_reason", run.dedupe_reason},
      {"double_submits", run.double_submits},
      {"regrade_of", run.regrade_of ? nlohmann::json(*run.regrade_of) : nlohmann::json(nullptr)}};
  if (run.status == RunStatus::queued) j["position"] = queue.position(run);
  return j;
}

nlohmann::json requests_json(Queue& queue, const Run& run) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : queue.requests(run.id)) {
    out.push_back({{"gradescope_submission_id", r.gradescope_submission_id.value_or("")},
                   {"received_at", format_utc(r.received_at)},
                   {"deduplicated", r.deduplicated},
                   {"reason", r.reason}});
  }
  return out;
}

std::optional<std::string> results_for(const Run& run) {
  if (!is_finished(run.status)) return std::nullopt;
  if (run.status == RunStatus::succeeded && run.results) return *run.results;
  return failure_results(run.error.empty() ? std::string(status_name(run.status)) : run.error);
}

namespace {
std::string outcome_text(const Run& run) {
  if (run.status == RunStatus::succeeded)
    return fmt::format("succeeded: score {}", run.score.value_or(0));
  if (run.error.empty()) return fmt::format("is {}", status_name(run.status));
  return fmt::format("{}: {}", status_name(run.status), run.error);
}
}  // namespace

std::string run_summary(const Run& run) {
  return fmt::format("run {} {}", run.id, outcome_text(run));
}

std::string run_label(const Run& run) {
  return fmt::format("run {} ({}; {})", run.id, run.assignment, fmt::join(run.students, " "));
}

std::string labelled_summary(const Run& run) {
  return fmt::format("{} {}", run_label(run), outcome_text(run));
}

std::vector<Run> current_runs(Queue& queue, const RunFilter& filter, const Clock& clock) {
  queue.reap_expired(clock);
  return queue.list(filter);
}

Run current_run(Queue& queue, std::int64_t id, const Clock& clock) {
  queue.reap_expired(clock);
  return require_run(queue, id);
}

std::optional<Run> wait_for_run(Queue& queue, std::int64_t id, std::chrono::milliseconds timeout,
                                const Clock& clock, const Sleeper& sleep,
                                const std::function<void(const Run&)>& pending) {
  const auto deadline = clock.now() + timeout;
  for (int attempt = 1;; ++attempt) {
    Run run = current_run(queue, id, clock);
    if (is_finished(run.status)) return run;
    if (pending) pending(run);
    const auto left = deadline - clock.now();
    if (left <= std::chrono::milliseconds(0)) return std::nullopt;
    sleep(std::min(
        backoff_delay({std::chrono::milliseconds(50), std::chrono::milliseconds(500), false},
                      attempt),
        std::chrono::duration_cast<std::chrono::milliseconds>(left)));
  }
}

}  // namespace cs351::autograde
