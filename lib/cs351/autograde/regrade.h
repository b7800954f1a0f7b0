#pragma once
// `autograde regrade`: grade each selected student's latest submission again
// with the assignment's current grader. A regrade is a new run of the same
// submission artifact (the same bytes) marked `regrade_of` the run it replaces;
// the old run is never changed. The queue claims live runs before regrade runs,
// so regrading a class does not delay anyone's new submission.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue.h"
#include "cs351/core/config.h"

namespace cs351::autograde {

struct RegradeSelection {
  std::int64_t course_id = 0;
  std::string assignment;             // its config name
  std::vector<std::string> students;  // only these students' submissions; empty: everyone
  std::optional<TimePoint> since;     // only submissions made at or after this time
};

struct RegradePlan {
  std::vector<Run> to_regrade;       // finished live runs, each some student's latest
  std::vector<Run> already_pending;  // latest runs with a regrade still queued or running
  std::vector<Run> still_live;       // latest runs not graded yet: the current grader will
  std::vector<Run> started;          // the regrade runs enqueued (none for a dry run)
};

// Plans the regrade of `selection` and, unless `dry_run`, enqueues one regrade
// run per run in `to_regrade`. A usage Error (exit 2) for an assignment the
// config has no grader for.
RegradePlan regrade(Queue& queue, const Config& config, const RegradeSelection& selection,
                    bool dry_run, const Clock& clock);

// One replaced run beside its latest regrade.
struct RegradeRow {
  std::vector<std::string> students;
  std::int64_t old_run = 0;
  std::optional<double> old_score;
  std::int64_t new_run = 0;
  std::optional<double> new_score;
  std::optional<double> change;  // new - old, when both have a score
  std::string state;             // changed, unchanged, pending, failed
  std::string error;             // why the regrade failed
};

// Every regraded run of the assignment: changed scores first, biggest change
// first, then pending, failed and unchanged ones.
std::vector<RegradeRow> regrade_report(Queue& queue, std::int64_t course_id,
                                       const std::string& assignment);

}  // namespace cs351::autograde
