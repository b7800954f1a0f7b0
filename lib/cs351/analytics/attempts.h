#pragma once
// The query layer: every source of submission history in the store, as one
// list of attempts. Each source is one read-only query over its module's
// documented tables: `submissions import` (analytics_submissions), Gradescope
// history (gradescope_submissions) and local autograde runs (through the
// autograde queue, whichever backend holds them).

#include <SQLiteCpp/Database.h>

#include <vector>

#include "cs351/analytics/assignments.h"
#include "cs351/analytics/attempt.h"
#include "cs351/autograde/queue.h"

namespace cs351::analytics {

// All attempts at `assignment`, sorted by email then time. The same attempt
// seen by two sources (same email, second and score) is kept once.
std::vector<Attempt> load_attempts(SQLite::Database& db, autograde::Queue& runs,
                                   const AssignmentInfo& assignment);

}  // namespace cs351::analytics
