#pragma once
// `gradescope check`: "has Gradescope changed?". Fetches one page of each kind
// and runs its parser; each page is OK, BROKEN (with what was expected and not
// found) or SKIPPED (a page it depends on is broken or empty).

#include <string>
#include <vector>

#include "cs351/gradescope/session.h"

namespace cs351::gradescope {

struct PageCheck {
  std::string course;  // the cs351 course code; empty for the account page
  std::string kind;    // account, assignments, memberships, extensions, scores.csv, submissions,
                       // submission history
  std::string path;
  std::string status;  // OK | BROKEN | SKIPPED
  std::string detail;  // what was found, or what was expected and not found
};

struct CheckedCourse {
  std::string code, gradescope_id;
};

// The account page, then each course's pages, whatever the account page gave: a course
// list that no longer parses says nothing about the course pages. Authentication
// failures propagate (exit 77).
std::vector<PageCheck> check_pages(Session& session, const std::vector<CheckedCourse>& courses);

bool any_broken(const std::vector<PageCheck>& checks);

}  // namespace cs351::gradescope
