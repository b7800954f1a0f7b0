#pragma once
// Assignments described by hand (`assignments add`) for work not on Gradescope,
// and the lookup the report uses (this table first, then Gradescope's).

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/roster/course.h"
#include "cs351/store/change.h"

namespace cs351::analytics {

struct AssignmentFields {
  std::string name;
  std::optional<std::string> release{}, due{}, late_due{};  // ISO-8601; course-local when no offset
  std::optional<double> max_points{};
};

// Creates the assignment, or updates the fields given when it exists. Throws a
// usage Error for an empty name, an unparseable time, max points <= 0, or a
// due date before the release.
store::Change add_assignment(SQLite::Database& db, const roster::Course& course,
                             const AssignmentFields& fields, const Clock& clock = system_clock());

// An assignment added by hand, as stored (times ISO-8601 UTC text).
struct OwnAssignment {
  std::string name;
  std::optional<std::string> release_at, due_at, late_due_at;
  std::optional<double> max_points;
};

// The course's hand-added assignments, in due order (undated last), then name.
std::vector<OwnAssignment> list_own_assignments(SQLite::Database& db, std::int64_t course_id);

// What the report needs to know about an assignment, from whichever table has it.
struct AssignmentInfo {
  std::int64_t course_id = 0;
  std::string name;
  std::optional<TimePoint> release, due;
  std::optional<double> max_points;
  std::optional<std::int64_t> own_id;         // analytics_assignments.id
  std::optional<std::int64_t> gradescope_id;  // gradescope_assignments.id
  std::optional<std::string> autograde_name;  // autograde runs' assignment, when autograded
};

// Looks in analytics_assignments, then gradescope_assignments (by title, any
// case); when both have it, both ids are set and our own fields win. An
// `autograde_name` (the config's name of an autograded assignment) is known
// even when neither table has it. Throws a data Error (exit 65) naming the
// known assignments when `name` is unknown.
AssignmentInfo require_assignment(SQLite::Database& db, const roster::Course& course,
                                  const std::string& name,
                                  const std::optional<std::string>& autograde_name = {});

}  // namespace cs351::analytics
