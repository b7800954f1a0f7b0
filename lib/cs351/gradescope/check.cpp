#include "cs351/gradescope/check.h"

#include <fmt/format.h>

#include <functional>

#include "cs351/gradescope/pages/account_page.h"
#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/extensions_page.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/pages/submissions_page.h"

namespace cs351::gradescope {
namespace {

class Checker {
 public:
  explicit Checker(Session& session) : m_session(session) {}

  // The course the next rows are about.
  void course(const std::string& code) { m_course = code; }

  // Fetches `path`, runs `parse` (which returns a one-line description); false when broken.
  bool page(const std::string& kind, const std::string& path,
            const std::function<std::string(const std::string&)>& parse) {
    try {
      const auto body = m_session.get(path).body;
      m_checks.push_back({m_course, kind, path, "OK", parse(body)});
      return true;
    } catch (const PageStructureError& e) {
      m_checks.push_back({m_course, kind, path, "BROKEN", "expected " + e.expected()});
    } catch (const Error& e) {
      if (e.code() == ExitCode::no_perm) throw;
      m_checks.push_back({m_course, kind, path, "BROKEN", e.what()});
    }
    return false;
  }

  void skip(const std::string& kind, const std::string& why) {
    m_checks.push_back({m_course, kind, "", "SKIPPED", why});
  }
  std::vector<PageCheck> result() { return std::move(m_checks); }

 private:
  Session& m_session;
  std::string m_course;
  std::vector<PageCheck> m_checks;
};

void check_assignment_pages(Checker& c, const std::string& base, const std::string& assignment) {
  const std::string a = fmt::format("{}/assignments/{}", base, assignment);
  c.page("extensions", a + "/extensions", [&](const std::string& body) {
    return "time zone " + parse_extensions_timezone(body, a + "/extensions");
  });
  c.page("scores.csv", a + "/scores.csv", [&](const std::string& body) {
    return fmt::format("{} score rows", parse_scores_csv(body, a + "/scores.csv").size());
  });
  std::string submission;
  const bool submissions_ok =
      c.page("submissions", a + "/submissions", [&](const std::string& body) {
        const auto owners = parse_submissions_manager(body, a + "/submissions");
        if (!owners.empty()) submission = owners.begin()->first;
        return fmt::format("{} active submissions", owners.size());
      });
  if (!submissions_ok || submission.empty()) {
    c.skip("submission history",
           submissions_ok ? "no submission to look at" : "the submissions page is broken");
    return;
  }
  const auto path = fmt::format(
      "{}/submissions/{}.json?content=react&only_keys%5B%5D=past_submissions", a, submission);
  c.page("submission history", path, [&](const std::string& body) {
    return fmt::format("{} past submissions", parse_past_submissions(body, path).size());
  });
}

void check_course_pages(Checker& c, const CheckedCourse& course) {
  c.course(course.code);
  const std::string base = "/courses/" + course.gradescope_id;
  c.page("memberships", base + "/memberships", [&](const std::string& body) {
    return fmt::format("{} members", parse_memberships(body, base + "/memberships").size());
  });
  std::string first;
  const bool ok = c.page("assignments", base + "/assignments", [&](const std::string& body) {
    const auto rows = parse_assignments(body, base + "/assignments");
    if (!rows.empty()) first = rows.front().id;
    return fmt::format("{} assignments", rows.size());
  });
  if (ok && !first.empty()) {
    check_assignment_pages(c, base, first);
  } else {
    for (const char* kind : {"extensions", "scores.csv", "submissions", "submission history"}) {
      c.skip(kind, ok ? "the course has no assignment" : "the assignments page is broken");
    }
  }
}

}  // namespace

std::vector<PageCheck> check_pages(Session& session, const std::vector<CheckedCourse>& courses) {
  Checker c(session);
  c.page("account", "/account", [](const std::string& body) {
    return fmt::format("{} courses", parse_account(body).courses.size());
  });
  for (const auto& course : courses) check_course_pages(c, course);
  return c.result();
}

bool any_broken(const std::vector<PageCheck>& checks) {
  for (const auto& c : checks) {
    if (c.status == "BROKEN") return true;
  }
  return false;
}

}  // namespace cs351::gradescope
