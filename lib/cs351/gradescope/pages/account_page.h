#pragma once
// GET /account: the courses on the account, grouped by term and role.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::gradescope {

struct CourseEntry {
  std::string id;          // "1132878"
  std::string short_name;  // "GEMA1001.03"
  std::string name;
  std::string term;  // "Fall 2025"
  std::string role;  // "instructor" or "student"
  std::optional<int> assignments;
};

struct AccountPage {
  std::vector<CourseEntry> courses;
  bool staff = false;  // the account can create courses somewhere
};

// Anchors on `a.courseBox`, term headings (`.courseList--term`, or any `.X--term` when
// the list block is renamed) and `h2.pageHeading` role headings: the 2021 layout, the
// Nov 2025 one and the newer course boxes without `div.courseList`. Throws
// PageStructureError when there is neither a course list nor a course box (a changed
// layout or a login page), never returns "no courses" for a page it does not recognise.
AccountPage parse_account(std::string_view html, const std::string& page = "/account");

}  // namespace cs351::gradescope
