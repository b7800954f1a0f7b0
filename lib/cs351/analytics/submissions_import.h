#pragma once
// `submissions import`: any autograder's history as CSV (email, submitted_at,
// score[, max_score]) into analytics_submissions. Validated like a roster
// import: every bad row reported as file:line, nothing written on error, and
// re-importing the same file changes nothing.

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "cs351/analytics/assignments.h"
#include "cs351/core/clock.h"

namespace cs351::analytics {

struct SubmissionRow {
  std::size_t line = 0;
  std::string email;  // lower-case
  TimePoint submitted_at;
  double score = 0.0;
  std::optional<double> max_score;
};

// Pure: header names are case-insensitive and may come in any order; other
// columns are ignored. Times without an offset are wall time in `timezone`.
// Throws a data Error "name:line: ..." listing every bad row.
std::vector<SubmissionRow> parse_submissions_csv(const std::string& bytes, const std::string& name,
                                                 const std::string& timezone);

struct SubmissionsImport {
  std::string course;
  std::string assignment;
  std::string path;  // "-" = stdin
  bool dry_run = false;
};

struct SubmissionsSummary {
  int inserted = 0, updated = 0, unchanged = 0;
  int people_unknown =
      0;  // emails in the file not on the course roster (kept; the report lists them)
};

// Reads, validates and upserts in one transaction (rolled back for a dry run),
// and records a "submissions.import" event.
SubmissionsSummary import_submissions(SQLite::Database& db, const SubmissionsImport& request,
                                      const Clock& clock = system_clock());

}  // namespace cs351::analytics
