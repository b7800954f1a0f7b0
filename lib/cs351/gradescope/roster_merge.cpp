#include "cs351/gradescope/roster_merge.h"

#include <fmt/format.h>

#include "cs351/roster/people.h"
#include "cs351/roster/roster_import.h"

namespace cs351::gradescope {

std::string merge_into_roster(SQLite::Database& db, const roster::Course& course,
                              const std::vector<MemberRow>& members, const std::string& source,
                              const Clock& clock) {
  std::vector<roster::RosterRow> rows;
  rows.reserve(members.size());
  std::size_t index = 0;
  for (const auto& m : members) {
    roster::RosterRow r;
    r.line = ++index;
    r.email = m.email;
    r.name = m.name;
    r.first_name = m.first_name;
    r.last_name = m.last_name;
    r.sid = m.sid;
    r.role = m.role;
    r.sections = m.sections;
    // Someone dropped locally stays dropped: being on Gradescope does not re-enrol them.
    if (auto local = roster::find_member(db, course.id, m.email)) r.status = local->status;
    rows.push_back(std::move(r));
  }
  roster::ImportOptions options;
  options.source = source;
  const auto summary = roster::apply_roster(db, course, rows, options, clock);
  if (summary.inserted == 0 && summary.updated == 0) return "";
  return fmt::format("roster: {} added, {} updated from Gradescope", summary.inserted,
                     summary.updated);
}

}  // namespace cs351::gradescope
