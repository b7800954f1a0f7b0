#include "cs351/autograde/roster_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cs351/autograde/settings.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"
#include "cs351/store/events.h"

namespace cs351::autograde {
namespace {

constexpr std::string_view k_setting = keys::require_roster.spec->key;

bool enrolled(SQLite::Database& db, std::int64_t course_id, const std::string& email) {
  const auto member = roster::find_member(db, course_id, email);
  return member && member->status == "enrolled";
}

}  // namespace

RosterVerdict check_roster(SQLite::Database& db, const Config& config,
                           const std::string& course_code, const std::vector<std::string>& emails,
                           const Clock& clock) {
  const auto course = roster::require_course(db, course_code);
  RosterVerdict verdict;
  for (const auto& raw : emails) {
    const std::string email = roster::normalize_email(raw);
    if (!enrolled(db, course.id, email)) verdict.not_on_roster.push_back(email);
  }
  if (verdict.not_on_roster.empty()) return verdict;
  // Unset, the check is on once the course has a roster: before any import nobody is on it.
  const bool has_roster = !roster::list_members(db, course.id).empty();
  verdict.refuse = config.get(keys::require_roster).value_or(has_roster);
  verdict.message = fmt::format("{} not on the roster of {}: {}",
                                verdict.not_on_roster.size() == 1 ? "a student" : "students",
                                course_code, fmt::join(verdict.not_on_roster, ", "));
  verdict.message +=
      verdict.refuse
          ? fmt::format("; not graded ({} is on: add them to the roster, or set it to false)",
                        k_setting)
          : fmt::format("; graded anyway ({} is off)", k_setting);
  store::append_event(db,
                      {"autograde.not_on_roster",
                       course_code,
                       {{"students", verdict.not_on_roster}, {"refused", verdict.refuse}}},
                      clock);
  return verdict;
}

}  // namespace cs351::autograde
