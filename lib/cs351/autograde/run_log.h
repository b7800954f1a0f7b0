#pragma once
// `autograde log`: what happened to one run, in order (enqueued, claimed by
// which worker, the sandbox and limits the worker applied, finished, result
// size, why it failed), and the grader's output exactly as it was written.

#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue.h"

namespace cs351::autograde {

struct TimelineEntry {
  std::optional<TimePoint> at;  // nullopt: a detail of the entry before it
  std::string what;
};

struct RunLog {
  Run run;
  std::vector<TimelineEntry> timeline;
  std::string output;  // the grader's stdout and stderr, interleaved as written (capped)
};

// The worker's own lines in a run's log start with this; the rest is the grader's.
inline constexpr const char* k_worker_line_prefix = "[cs351] ";

// Run `id` as it stands now (a lost worker's run is failed first); a data Error
// (exit 65) when unknown.
RunLog run_log(Queue& queue, std::int64_t id, const Clock& clock);

}  // namespace cs351::autograde
