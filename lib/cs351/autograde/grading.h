#pragma once
// Grading one claimed run: lay out a fresh working directory, run the
// assignment's grader under the runner's limits, and turn whatever happened
// into an Outcome that always says what happened.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "cs351/autograde/artifacts.h"
#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/queue.h"
#include "cs351/autograde/runner.h"
#include "cs351/core/sleeper.h"

namespace cs351::autograde {

struct GradingContext {
  const ArtifactStore& artifacts;
  std::filesystem::path work_root;  // run directories are made (and removed) under it
  Isolation isolation = Isolation::sandbox;
  std::function<bool()> keep_going;  // heartbeat; false stops the grader
  SlotGate* slots = nullptr;         // the worker's graders at once (GraderSpec::slots)
  Sleeper sleep = real_sleeper();    // the worker's waits (a submission fetched again)
};

// Never throws: a failure of the worker itself (a missing artifact, a full
// disk) becomes a failed Outcome naming it.
Outcome grade(const Run& run, const AssignmentConfig& assignment, const GradingContext& context);

// The outcome of a finished grader process. `results` is the content of the
// results.json it wrote (nullopt when missing); `results_size` its size on disk.
Outcome judge(const GraderResult& result, const std::optional<std::string>& results,
              std::uintmax_t results_size, const AssignmentConfig& assignment);

}  // namespace cs351::autograde
