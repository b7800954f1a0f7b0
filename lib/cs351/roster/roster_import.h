#pragma once
// Upserting a class list into the store: people keyed on email, one
// enrollment per course, with every change counted (and listed for --dry-run).

#include <SQLiteCpp/Database.h>

#include <string>
#include <string_view>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/roster/course.h"
#include "cs351/roster/roster_file.h"

namespace cs351::roster {

struct ImportOptions {
  std::string default_role = "student";  // for rows without a role
  bool sync = false;                     // the file is the complete list for the roles it contains
  std::string source;                    // file name, for the audit event
  bool list_changes = false;             // fill ImportSummary::changes (for a dry run)
  bool dry_run = false;                  // import_roster: roll back, write nothing
  ReadOptions read{};                    // read_roster's: login@domain for LMS logins
};

// One change an import makes (or, in a dry run, would make).
struct RosterChange {
  std::string action;  // add | update | drop
  std::string email;
  std::string role;
  std::vector<std::string> details;  // update: "role 'student' -> 'ta'", ...
};

// "add     a@x.edu (student)", "update  a@x.edu: role 'student' -> 'ta'".
std::string change_text(const RosterChange& change);

struct ImportSummary {
  int inserted = 0, updated = 0, unchanged = 0, removed = 0;
  std::vector<RosterChange> changes;  // with list_changes: one per insert/update/drop
  std::vector<std::string> skipped;   // LMS rows that are no person ("line 2: Points Possible")
};

// Validates against the store (SID owned by someone else) and upserts. Throws a
// data Error listing every problem before writing anything. Runs inside the
// caller's transaction: it opens none, so callers can group work.
ImportSummary apply_roster(SQLite::Database& db, const Course& course,
                           const std::vector<RosterRow>& rows, const ImportOptions& options,
                           const Clock& clock = system_clock());

// The whole `roster import`: parse `bytes`, validate every row (all problems
// reported at once, exit 65), apply in one IMMEDIATE transaction and record an
// event. With `options.dry_run` the transaction is rolled back: nothing is written.
ImportSummary import_roster(SQLite::Database& db, const std::string& course_code,
                            std::string_view bytes, const ImportOptions& options,
                            const Clock& clock = system_clock());

}  // namespace cs351::roster
