#pragma once
// Writes what the parsers read into the gradescope_* tables (see docs/gradescope.md).
// Callers wrap each call in a WriteUnit; nothing here deletes a row.

#include <SQLiteCpp/Database.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/pages/submissions_page.h"
#include "cs351/gradescope/row_upsert.h"

namespace cs351::gradescope {

struct AssignmentRecord {
  std::string gradescope_id, title;
  std::optional<double> total_points;
  std::optional<std::string> release_at, due_at, late_due_at;  // UTC, ISO-8601
  bool published = false;
};

// Course-local wall times to UTC in `timezone`. A data Error names the assignment
// and field for a time that does not parse.
std::vector<AssignmentRecord> to_records(const std::vector<AssignmentRow>& rows,
                                         const std::string& timezone);

// Upserts every record; fills `ids` with gradescope id -> local row id.
Tally save_assignments(SQLite::Database& db, std::int64_t course_id,
                       const std::vector<AssignmentRecord>& records, const std::string& now,
                       std::map<std::string, std::int64_t>& ids);
Tally save_members(SQLite::Database& db, std::int64_t course_id,
                   const std::vector<MemberRow>& members, const std::string& now);
Tally save_scores(SQLite::Database& db, std::int64_t assignment_id,
                  const std::vector<ScoreRow>& rows, const std::string& now);
Tally save_history(SQLite::Database& db, std::int64_t assignment_id,
                   const std::vector<std::string>& emails,
                   const std::vector<PastSubmission>& attempts, const std::string& now);

}  // namespace cs351::gradescope
