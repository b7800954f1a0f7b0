#pragma once
// `gradescope sync`: mirror linked courses into the store, safely from cron.
// One lock per store, one write unit per course part and per assignment: what
// failed is left as it was, what succeeded is kept, the next run completes it.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/error.h"
#include "cs351/gradescope/roster_diff.h"
#include "cs351/gradescope/row_upsert.h"
#include "cs351/gradescope/session.h"
#include "cs351/store/store.h"

namespace cs351::gradescope {

enum class Part { roster, assignments, scores, history };

// "roster,assignments" -> parts; a usage Error names an unknown part.
std::set<Part> parse_parts(const std::string& list);

struct SyncOptions {
  std::vector<std::string> courses;  // course codes; empty: every active linked course
  std::set<Part> parts;              // empty: roster, assignments, scores (history is opt-in)
  bool dry_run = false;
};

struct CourseSync {
  std::string code;
  Tally assignments, members, scores, submissions;
  std::string timezone;
  std::vector<std::string> failures;  // "HW1 scores: ..." (the store keeps the previous data)
  std::vector<std::string> notes;     // roster merges, time-zone fallbacks
  RosterDifferences roster_differences;
  ExitCode status = ExitCode::ok;  // worst error met
  int requests = 0;
  double seconds = 0;
};

struct SyncReport {
  std::vector<CourseSync> courses;
  bool dry_run = false;
  ExitCode status() const;
};

// Called before each request-heavy step: "CS351-S26: scores HW1", done, total.
using SyncProgress = std::function<void(const std::string& step, int done, int total)>;

// Takes the sync lock (exit 75 when another sync holds it), then syncs each course.
// Authentication failures abort the run (exit 77); other errors are recorded per course.
SyncReport sync(store::Store& store, Session& session, const SyncOptions& options,
                const Clock& clock = system_clock(), const SyncProgress& progress = {});

// "CS351-S26: 14 assignments (1 new), 312 members (2 updated), 4,368 scores (97 updated) in 41 s"
std::string summary_line(const CourseSync& course);

}  // namespace cs351::gradescope
