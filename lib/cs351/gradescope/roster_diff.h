#pragma once
// Where Gradescope's roster and the local one disagree. Reported, never
// applied as deletions: a student missing on one side is for staff to judge.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace cs351::gradescope {

struct RosterDifferences {
  std::vector<std::string> only_on_gradescope;  // emails, sorted
  std::vector<std::string> only_local;          // enrolled here, not on Gradescope
  bool empty() const { return only_on_gradescope.empty() && only_local.empty(); }
};

RosterDifferences roster_differences(SQLite::Database& db, std::int64_t course_id);

// Human-readable lines ("3 on Gradescope but not enrolled locally: a@x.edu, ..."): the first
// few addresses and "and N more", or every address when `full`; empty when the rosters agree.
std::vector<std::string> describe(const RosterDifferences& differences, bool full);

}  // namespace cs351::gradescope
