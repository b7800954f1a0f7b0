#pragma once
// Gradescope's roster merged into the local one through roster's own import
// (by email: name, SID, role, sections). Never drops anyone: who is missing on
// either side is reported by roster_differences instead.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/roster/course.h"

namespace cs351::gradescope {

// Runs inside the caller's transaction. Returns one line for the sync's notes
// ("roster: 2 added, 1 updated from Gradescope"), empty when nothing changed.
// A data Error (SID owned by another person...) leaves the unit to roll back.
std::string merge_into_roster(SQLite::Database& db, const roster::Course& course,
                              const std::vector<MemberRow>& members, const std::string& source,
                              const Clock& clock);

}  // namespace cs351::gradescope
