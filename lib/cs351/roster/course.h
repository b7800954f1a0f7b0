#pragma once
// Courses: the unit everything else hangs off (enrollments, assignments, runs).

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/store/change.h"

namespace cs351::roster {

struct Course {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string term;
  std::string timezone = "UTC";
  bool active = true;
  std::optional<std::string> gradescope_course_id;
};

using store::Change;

struct CourseFields {
  std::string code;
  std::optional<std::string> name{}, term{}, timezone{};
};

// Create the course, or update the fields given when it exists. Throws a
// usage Error for an unknown time zone or an empty/invalid code.
Change add_course(SQLite::Database& db, const CourseFields& fields,
                  const Clock& clock = system_clock());

std::vector<Course> list_courses(SQLite::Database& db);
std::optional<Course> find_course(SQLite::Database& db, const std::string& code);
// Like find_course, but an unknown code is a data Error that lists the known ones.
Course require_course(SQLite::Database& db, const std::string& code);
// Records the course's Gradescope course id. A usage Error when another course
// already has it. The caller validates the id and records the event.
void set_gradescope_course_id(SQLite::Database& db, std::int64_t course_id,
                              const std::string& gradescope_id, const Clock& clock);
// Returns false when the course already had that state.
bool set_course_active(SQLite::Database& db, const std::string& code, bool active,
                       const Clock& clock = system_clock());

}  // namespace cs351::roster
