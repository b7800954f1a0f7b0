#include "cs351/auth/eligibility.h"

#include <SQLiteCpp/Statement.h>

#include <set>

#include "cs351/core/text.h"
#include "cs351/roster/course.h"
#include "cs351/roster/people.h"
#include "cs351/roster/role.h"

namespace cs351::auth {

bool is_onboarded(SQLite::Database& db, std::int64_t person_id) {
  SQLite::Statement q(db,
                      "SELECT 1 FROM magic_links WHERE person_id = ? AND purpose = 'onboard' AND "
                      "used_at IS NOT NULL LIMIT 1");
  q.bind(1, person_id);
  return q.executeStep();
}

std::vector<CourseRole> eligible_roles(SQLite::Database& db, std::int64_t person_id,
                                       Purpose purpose) {
  const bool onboarded = is_onboarded(db, person_id);
  std::vector<CourseRole> out;
  for (auto& r : roster::active_enrollments(db, person_id)) {
    const bool staff = roster::is_staff(r.role);
    const bool ok = purpose == Purpose::onboard ? staff : (!staff || onboarded);
    if (ok) out.push_back(std::move(r));
  }
  return out;
}

Ineligibility ineligibility_reason(SQLite::Database& db, std::int64_t person_id, Purpose purpose,
                                   const std::string& course) {
  bool staff = false, student = false;
  for (const auto& r : roster::active_enrollments(db, person_id)) {
    if (!course.empty() && to_lower_ascii(r.course) != to_lower_ascii(course)) continue;
    (roster::is_staff(r.role) ? staff : student) = true;
  }
  if (!staff && !student) {
    return {course.empty() ? "not enrolled in an active course (dropped, or the course is inactive)"
                           : "not enrolled in " + course + " (dropped, or the course is inactive)"};
  }
  if (purpose == Purpose::onboard && !staff)
    return {"students need no onboarding; a login link would work", Purpose::login};
  if (purpose == Purpose::login && !student && !is_onboarded(db, person_id))
    return {"staff log in only after redeeming an onboarding link; an onboarding link would work",
            Purpose::onboard};
  return {};
}

std::vector<std::string> enrolled_addresses(SQLite::Database& db, const std::string& course_code,
                                            const std::string& role) {
  std::set<std::string> emails;
  for (const auto& course : roster::list_courses(db)) {
    if (!course.active) continue;
    if (!course_code.empty() && to_lower_ascii(course.code) != to_lower_ascii(course_code))
      continue;
    const auto members =
        roster::list_members(db, course.id, role.empty() ? std::nullopt : std::optional(role));
    for (const auto& m : members) emails.insert(m.email);
  }
  return {emails.begin(), emails.end()};
}

}  // namespace cs351::auth
