#pragma once
// The entry points the CLI and the bridge share: enqueue a submission for a
// course and assignment, describe a run as JSON, and the results.json a
// caller gets for a finished run.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue.h"
#include "cs351/autograde/submission.h"
#include "cs351/core/clock.h"
#include "cs351/core/config.h"
#include "cs351/core/sleeper.h"
#include "cs351/store/store.h"

namespace cs351::autograde {

// Where the artifact area and the run directories live, beside the store.
std::filesystem::path artifacts_dir(const store::Store& store);
std::filesystem::path work_dir(const store::Store& store);

struct SubmissionRequest {
  std::string course_code;
  std::string assignment;  // its config name
  std::vector<std::string> students;
  std::vector<SubmissionFile> files;
  std::optional<std::string> gradescope_submission_id;
  std::optional<TimePoint> submitted_at;
};

// Checks the course in the store (exit 65 when unknown) and the assignment (exit
// 2 when not configured), copies the files into the queue's artifacts, then enqueues.
EnqueueResult enqueue_submission(store::Store& store, Queue& queue, const Config& config,
                                 const SubmissionRequest& request,
                                 const Clock& clock = system_clock());

// The stable JSON of a run (docs/autograde.md): run_id, status, score, error,
// times in ISO-8601 UTC, `position` when queued, `dedupe_reason` (why it is a
// run of its own) and `double_submits` (how many later enqueues joined it).
nlohmann::json run_json(Queue& queue, const Run& run);

// Every enqueue that started or joined `run`, oldest first: Gradescope
// submission id, when, whether it was deduplicated, and why.
nlohmann::json requests_json(Queue& queue, const Run& run);

// The Gradescope results.json for a finished run: the grader's own for a
// success, else a failure result carrying the error. Nullopt while pending.
std::optional<std::string> results_for(const Run& run);

// "run 12 failed: timed out after 20m" / "run 12 succeeded: score 9.5".
std::string run_summary(const Run& run);
// "run 12 (hw1; ana@uni.edu bo@uni.edu)": how worker log lines name a run.
std::string run_label(const Run& run);
// "run 12 (hw1; ana@uni.edu) succeeded: score 9.5"
std::string labelled_summary(const Run& run);

// Runs of `filter`, after failing any run whose worker was lost.
std::vector<Run> current_runs(Queue& queue, const RunFilter& filter,
                              const Clock& clock = system_clock());
// One run, after failing it if its worker was lost; a data Error when unknown.
Run current_run(Queue& queue, std::int64_t id, const Clock& clock = system_clock());

// Polls run `id` (50 ms apart, doubling to 500 ms) until it is finished;
// nullopt when `timeout` passes first. `pending` sees the run at each poll that finds it
// unfinished.
std::optional<Run> wait_for_run(Queue& queue, std::int64_t id, std::chrono::milliseconds timeout,
                                const Clock& clock = system_clock(),
                                const Sleeper& sleep = real_sleeper(),
                                const std::function<void(const Run&)>& pending = nullptr);

}  // namespace cs351::autograde
