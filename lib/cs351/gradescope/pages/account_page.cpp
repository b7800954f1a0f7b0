#include "cs351/gradescope/pages/account_page.h"

#include "cs351/core/text.h"
#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/page_error.h"

namespace cs351::gradescope {
namespace {

std::string role_from_heading(const std::string& heading, bool staff) {
  const auto lower = to_lower_ascii(heading);
  if (lower.find("instructor") != std::string::npos) return "instructor";
  if (lower.find("student") != std::string::npos) return "student";
  // An empty heading means the account has one role; staff accounts can create courses.
  return staff ? "instructor" : "student";
}

std::optional<int> leading_number(const std::string& s) {
  int n = 0;
  std::size_t i = 0;
  for (; i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9'; ++i) n = n * 10 + (s[i] - '0');
  if (i == 0) return std::nullopt;
  return n;
}

std::optional<std::string> course_id(const std::string& href) {
  constexpr std::string_view prefix = "/courses/";
  if (!href.starts_with(prefix)) return std::nullopt;
  std::string id = href.substr(prefix.size());
  while (!id.empty() && id.back() == '/') id.pop_back();
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return id;
}

CourseEntry course_entry(html::Node box, const std::string& term, const std::string& role,
                         const std::string& page) {
  const auto href = html::attr(box, "href");
  const auto id = course_id(href.value_or(""));
  if (!id)
    throw PageStructureError(
        page, "a.courseBox[href=\"/courses/{id}\"] (got \"" + href.value_or("") + "\")");
  CourseEntry c{*id, {}, {}, term, role, {}};
  if (auto n = html::find_first(box, html::with_class("", "courseBox--shortname")))
    c.short_name = html::text(n);
  if (auto n = html::find_first(box, html::with_class("", "courseBox--name")))
    c.name = html::text(n);
  if (auto n = html::find_first(box, html::with_class("", "courseBox--assignments")))
    c.assignments = leading_number(html::text(n));
  return c;
}

bool is_role_heading(html::Node n) {
  return html::is_tag(n, "h2") && html::has_class(n, "pageHeading");
}

bool is_course_box(html::Node n) {
  return html::is_tag(n, "a") && html::has_class(n, "courseBox");
}

// A term heading: `.courseList--term` in the classic layout, `.<block>--term` when the list
// block was renamed (`.courseCatalog--term`), as the course boxes themselves were not.
bool is_term(html::Node n) {
  for (const auto& cls : split(html::attr(n, "class").value_or(""), ' ')) {
    if (cls.ends_with("--term")) return true;
  }
  return false;
}

// Walks `scope` in document order: role headings, term headings and course boxes.
void read_courses(html::Node scope, bool staff, const std::string& page, AccountPage& out) {
  std::string heading, term;
  const auto wanted = [](html::Node n) {
    return is_role_heading(n) || is_term(n) || is_course_box(n);
  };
  for (html::Node n : html::find_all(scope, wanted)) {
    if (is_role_heading(n)) {
      heading = html::text(n);
      term.clear();
    } else if (is_term(n)) {
      term = html::text(n);
    } else {
      out.courses.push_back(course_entry(n, term, role_from_heading(heading, staff), page));
    }
  }
}

}  // namespace

AccountPage parse_account(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  AccountPage out;
  out.staff = html::find_first(doc.root(), html::with_class("", "js-createNewCourse")) != nullptr;
  html::Node scope = html::find_first(doc.root(), html::with_attr("div", "id", "account-show"));
  if (scope == nullptr) scope = doc.root();
  // Without `.courseList` (Gradescope's newer markup) the course boxes still say what they are;
  // with neither, the page is not a course list (a changed layout or a login page).
  const bool list = html::find_first(scope, html::with_class("", "courseList")) != nullptr;
  if (!list && html::find_first(scope, is_course_box) == nullptr)
    throw PageStructureError(page, "div.courseList or a.courseBox");
  read_courses(scope, out.staff, page, out);
  return out;
}

}  // namespace cs351::gradescope
