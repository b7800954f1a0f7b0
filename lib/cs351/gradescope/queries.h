#pragma once
// Reading the mirror back (assignments list, scores list, members) and linking
// a local course to its Gradescope course.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/roster/course.h"

namespace cs351::gradescope {

// Sets courses.gradescope_course_id (digits only). A usage Error when the id is
// malformed or already linked to another course.
store::Change link_course(SQLite::Database& db, const std::string& code,
                          const std::string& gradescope_id, const Clock& clock = system_clock());

// Forgets the course's Gradescope course id, so `gradescope sync` skips it; the
// synced assignments, members and scores stay. The id it had, or nullopt when
// it was not linked (nothing changes then).
std::optional<std::string> unlink_course(SQLite::Database& db, const std::string& code,
                                         const Clock& clock = system_clock());

struct StoredAssignment {
  std::string gradescope_id, title;
  std::optional<double> total_points;
  std::optional<std::string> release_at, due_at, late_due_at;
  bool published = false;
  std::int64_t row_id = 0;  // the local row, whose submissions history refers to it
};

// In due order (undated last), then title.
std::vector<StoredAssignment> list_assignments(SQLite::Database& db, std::int64_t course_id);

struct StoredScore {
  std::string assignment, assignment_id, email, status;
  std::optional<double> score, max_points;
  std::optional<std::string> submission_id, submitted_at;
  std::optional<std::int64_t> lateness_s, submission_count;
};

// All scores of the course, or of the assignment titled `title` (a data Error
// listing the titles when none has it).
std::vector<StoredScore> list_scores(SQLite::Database& db, std::int64_t course_id,
                                     const std::optional<std::string>& title);

struct StoredMember {
  std::string email, name, sid, role, sections_json, membership_id;
  std::optional<std::string> gradescope_user_id;
};

std::vector<StoredMember> list_members(SQLite::Database& db, std::int64_t course_id);

}  // namespace cs351::gradescope
