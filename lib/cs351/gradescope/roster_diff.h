#pragma once
// Where Gradescope's roster and the local one disagree. Reported, never
// applied as deletions: a student missing on one side is for staff to judge.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace cs351::gradescope {

// Human-readable lines ("3 on Gradescope but not enrolled locally: a@x.edu, ..."); empty when they
// agree.
std::vector<std::string> roster_differences(SQLite::Database& db, std::int64_t course_id);

}  // namespace cs351::gradescope
