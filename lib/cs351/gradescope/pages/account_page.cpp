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

// Walks one `.courseList`: term headings and course boxes come in document order.
void read_course_list(html::Node list, const std::string& role, const std::string& page,
                      AccountPage& out) {
  std::string term;
  const auto is_term_or_box = [](html::Node n) {
    return html::has_class(n, "courseList--term") ||
           (html::is_tag(n, "a") && html::has_class(n, "courseBox"));
  };
  for (html::Node n : html::find_all(list, is_term_or_box)) {
    if (html::has_class(n, "courseList--term")) {
      term = html::text(n);
    } else {
      out.courses.push_back(course_entry(n, term, role, page));
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
  // Role headings (h2.pageHeading) precede their course list; the document order says which is
  // which.
  std::string heading;
  bool found_list = false;
  const auto is_heading_or_list = [](html::Node n) {
    return (html::is_tag(n, "h2") && html::has_class(n, "pageHeading")) ||
           html::has_class(n, "courseList");
  };
  for (html::Node n : html::find_all(scope, is_heading_or_list)) {
    if (html::has_class(n, "courseList")) {
      found_list = true;
      read_course_list(n, role_from_heading(heading, out.staff), page, out);
    } else {
      heading = html::text(n);
    }
  }
  if (!found_list) throw PageStructureError(page, "div.courseList");
  return out;
}

}  // namespace cs351::gradescope
