#pragma once
// `gradescope check`: "has Gradescope changed?". Fetches one page of each kind
// and runs its parser; each page is OK, BROKEN (with what was expected and not
// found) or SKIPPED (a page it depends on is broken or empty).

#include <optional>
#include <string>
#include <vector>

#include "cs351/gradescope/session.h"

namespace cs351::gradescope {

struct PageCheck {
  std::string kind;  // account, assignments, memberships, extensions, scores.csv, submissions,
                     // submission history
  std::string path;
  std::string status;  // OK | BROKEN | SKIPPED
  std::string detail;  // what was found, or what was expected and not found
};

// Only the account page without a course. Authentication failures propagate (exit 77).
std::vector<PageCheck> check_pages(Session& session,
                                   const std::optional<std::string>& gradescope_course_id);

bool any_broken(const std::vector<PageCheck>& checks);

}  // namespace cs351::gradescope
