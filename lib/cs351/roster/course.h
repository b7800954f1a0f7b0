#pragma once
// Courses: the unit everything else hangs off (enrollments, assignments, runs).

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/error.h"
#include "cs351/store/change.h"
#include "cs351/store/dependents.h"

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

// add_course's refusal of an existing course whose fields differ from those given: a usage
// Error naming the differences (the caller may add how to edit `course_code`).
class CourseDiffers : public Error {
 public:
  CourseDiffers(std::string code, const std::string& message)
      : Error(ExitCode::usage, message), course_code(std::move(code)) {}
  std::string course_code;
};

// Creates the course. When it exists with the fields given, unchanged (so
// re-running is safe); when any differs, CourseDiffers. A usage Error too for an
// unknown time zone or an empty/invalid code.
Change add_course(SQLite::Database& db, const CourseFields& fields,
                  const Clock& clock = system_clock());

// Changes the fields given of the course `fields.code` names (resolve_course).
Change edit_course(SQLite::Database& db, const CourseFields& fields,
                   const Clock& clock = system_clock());

// What removing the course would delete: rows per table, through foreign keys.
std::vector<store::TableRows> course_data(SQLite::Database& db, const Course& course);
// Deletes the course and every row that hangs off it (people stay: they are
// not the course's), with an event; one transaction.
void remove_course(SQLite::Database& db, const Course& course, const Clock& clock = system_clock());

std::vector<Course> list_courses(SQLite::Database& db);
std::optional<Course> find_course(SQLite::Database& db, const std::string& code);
// Like find_course, but an unknown code is a data Error that lists the known ones.
Course require_course(SQLite::Database& db, const std::string& code);
// The course `text` names: its code (any case), its Gradescope course id, or a
// unique case-insensitive prefix of its code or name. Ambiguity is a usage
// Error listing the candidates; no match is require_course's data Error.
Course resolve_course(SQLite::Database& db, const std::string& text);
// Records the course's Gradescope course id. A usage Error when another course
// already has it. The caller validates the id and records the event.
void set_gradescope_course_id(SQLite::Database& db, std::int64_t course_id,
                              const std::string& gradescope_id, const Clock& clock);
// Forgets the course's Gradescope course id (nothing else changes).
void clear_gradescope_course_id(SQLite::Database& db, std::int64_t course_id, const Clock& clock);
// Returns false when the course already had that state.
bool set_course_active(SQLite::Database& db, const std::string& code, bool active,
                       const Clock& clock = system_clock());

}  // namespace cs351::roster
