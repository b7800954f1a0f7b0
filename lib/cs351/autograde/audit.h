#pragma once
// `audit scores`: per student, the latest Gradescope score (as mirrored by
// `gradescope sync`) beside the local run that graded the same submission,
// listing every place where they disagree.

#include <SQLiteCpp/Database.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue.h"
#include "cs351/core/config.h"

namespace cs351::autograde {

struct Discrepancy {
  std::string email;
  std::string assignment;  // Gradescope's title
  std::optional<double> gradescope_score;
  std::string gradescope_submission_id;
  std::string gradescope_submitted_at;  // UTC, as synced
  std::optional<std::int64_t> run_id;
  std::optional<double>
      local_score;  // what the bridge delivered: the grader's score, 0 for a failed run
  std::string local_status;
  std::string local_finished_at;
  std::string problem;
  std::optional<std::int64_t> regrade_of;  // the local run is a regrade of this run
  std::string action;                      // how staff close it (docs/autograde.md, Stale scores)
};

struct AuditReport {
  int compared = 0;  // Gradescope scores with an autograded assignment
  std::vector<std::string>
      not_autograded;  // Gradescope titles no [autograde.assignments.*] matches
  std::vector<Discrepancy> discrepancies;
};

// `assignment`: a config name or a Gradescope title (all assignments when empty).
// A data Error (exit 65) for an unknown course or title.
// Scores are read from the store `db`, runs from `queue` (whichever backend holds them).
AuditReport audit_scores(SQLite::Database& db, Queue& queue, const Config& config,
                         const std::string& course_code,
                         const std::optional<std::string>& assignment);

// One discrepancy as `audit scores` and `autograde stale` print it (stable keys).
nlohmann::json discrepancy_json(const Discrepancy& d);

}  // namespace cs351::autograde
