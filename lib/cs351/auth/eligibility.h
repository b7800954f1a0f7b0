#pragma once
// Who may use a magic link: students while enrolled (not dropped) in an active
// course; staff (ta, instructor, reader) likewise, and for login only after
// they redeemed their onboarding link.

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "cs351/auth/token.h"
#include "cs351/roster/people.h"

namespace cs351::auth {

using roster::CourseRole;
using roster::find_person;
using roster::Person;

// The enrollments that make `person_id` eligible for a `purpose` link; empty: not eligible.
std::vector<CourseRole> eligible_roles(SQLite::Database& db, std::int64_t person_id,
                                       Purpose purpose);

struct Ineligibility {
  std::string reason;                   // in words; empty when they may have the link
  std::optional<Purpose> would_work{};  // the purpose that would, when there is one
};

// Why `person_id` may not have a `purpose` link (in `course` when given).
Ineligibility ineligibility_reason(SQLite::Database& db, std::int64_t person_id, Purpose purpose,
                                   const std::string& course = "");

// True once the person redeemed an onboarding link.
bool is_onboarded(SQLite::Database& db, std::int64_t person_id);

// Addresses enrolled (not dropped) in active courses — `course_code` only when
// given, `role` only when given — sorted: who mail may be sent to.
std::vector<std::string> enrolled_addresses(SQLite::Database& db,
                                            const std::string& course_code = "",
                                            const std::string& role = "");

}  // namespace cs351::auth
