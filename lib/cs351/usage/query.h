#pragma once
// Reading imported usage back: the filter every report takes, and one pass
// over the matching calls with each call's student and local day.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cs351/usage/transcript.h"

namespace cs351::usage {

struct Filter {
  std::optional<std::string> course;        // all courses when unset
  std::optional<std::string> student;       // email
  std::optional<std::string> since, until;  // YYYY-MM-DD, inclusive, on local days
  bool utc = false;                         // group by UTC day instead of the course's
  bool anonymize = false;  // students shown as pseudonyms salted with the course code
};

struct CallRow {
  ApiCall call;
  std::string course, student, agent, day;  // day: YYYY-MM-DD (course-local unless utc)
  std::int64_t person_id = 0;
};

// Calls in time order. Throws a data Error for an unknown course or student.
void for_each_call(SQLite::Database& db, const Filter& filter,
                   const std::function<void(const CallRow&)>& fn);

// A student's id in `course` (used by the other listings); throws like for_each_call.
struct Scope {
  std::int64_t course_id;
  std::string code, timezone;
  std::optional<std::int64_t> person_id;
  std::map<std::int64_t, std::string> emails;  // person id -> email
};
std::vector<Scope> scopes(SQLite::Database& db, const Filter& filter);

// A student's pseudonym in `course`: the one `report ... --anonymize` shows.
std::string student_pseudonym(const std::string& course_code, const std::string& email);

// The local day of an ISO UTC time in `timezone` (UTC when empty).
std::string local_day(const std::string& at, const std::string& timezone);

// True when `day` is inside the filter's since/until.
bool in_range(const Filter& filter, const std::string& day);

}  // namespace cs351::usage
