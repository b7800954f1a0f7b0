#include "cs351/autograde/run_log.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cs351/autograde/service.h"

namespace cs351::autograde {
namespace {

// The worker's header lines ("[cs351] limits ...") and the grader's output after them.
std::pair<std::vector<std::string>, std::string> split_log(const std::string& log) {
  std::vector<std::string> header;
  std::size_t at = 0;
  const std::string prefix = k_worker_line_prefix;
  while (log.compare(at, prefix.size(), prefix) == 0) {
    const auto end = log.find('\n', at);
    header.push_back(
        log.substr(at + prefix.size(), end == std::string::npos ? end : end - at - prefix.size()));
    if (end == std::string::npos) return {header, ""};
    at = end + 1;
  }
  return {header, log.substr(at)};
}

std::string enqueued_line(const Run& run) {
  std::string line =
      fmt::format("enqueued: {} for {}", run.assignment, fmt::join(run.students, ", "));
  if (run.gradescope_submission_id)
    line += fmt::format(" (Gradescope submission {})", *run.gradescope_submission_id);
  return line;
}

std::string finished_line(const Run& run) {
  if (run.status == RunStatus::succeeded) {
    return fmt::format("finished: succeeded, score {}, results.json {} bytes",
                       run.score.value_or(0), run.results ? run.results->size() : 0);
  }
  return fmt::format("finished: {}{}{}", status_name(run.status), run.error.empty() ? "" : ": ",
                     run.error);
}

}  // namespace

RunLog run_log(Queue& queue, std::int64_t id, const Clock& clock) {
  RunLog out{current_run(queue, id, clock), {}, ""};
  const Run& run = out.run;
  out.timeline.push_back({run.submitted_at, "submitted"});
  out.timeline.push_back({run.enqueued_at, enqueued_line(run)});
  // Why it is a run of its own, and every double submit that joined it.
  for (const auto& r : queue.requests(run.id)) out.timeline.push_back({r.received_at, r.reason});
  const auto [header, output] = split_log(run.log);
  out.output = output;
  if (run.started_at) {
    out.timeline.push_back({run.started_at, fmt::format("claimed by worker {} (attempt {})",
                                                        run.worker_id, run.attempt)});
    for (const auto& line : header) out.timeline.push_back({std::nullopt, line});
  }
  if (run.status == RunStatus::queued) {
    out.timeline.push_back({std::nullopt, fmt::format("queued, place {}", queue.position(run))});
  } else if (run.status == RunStatus::running) {
    out.timeline.push_back({run.lease_expires_at, "running; the worker's lease runs to here"});
  } else {
    out.timeline.push_back({run.finished_at, finished_line(run)});
  }
  return out;
}

}  // namespace cs351::autograde
