#pragma once
// The bridge's roster check: are the students of a Gradescope submission on the
// course's roster? With `autograde.require_roster` on (the default once the
// course has anyone on its roster) a submission from anyone else is refused;
// off, it is graded and the strangers are recorded in an event.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/config.h"

namespace cs351::autograde {

struct RosterVerdict {
  std::vector<std::string> not_on_roster;  // normalised emails, in the submission's order
  bool refuse = false;
  std::string message;  // for staff: who, which course, and the setting that decides
};

// Checks `emails` against the roster of `course_code` and, when some are not on
// it, appends an `autograde.not_on_roster` event (refused or graded anyway).
RosterVerdict check_roster(SQLite::Database& db, const Config& config,
                           const std::string& course_code, const std::vector<std::string>& emails,
                           const Clock& clock = system_clock());

}  // namespace cs351::autograde
