// A short random-mutation fuzz of every page parser: whatever the bytes, a
// parser returns or throws cs351::Error; it never crashes or hangs.
#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "cs351/core/error.h"
#include "cs351/gradescope/pages/account_page.h"
#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/extensions_page.h"
#include "cs351/gradescope/pages/login_page.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/pages/submissions_page.h"
#include "support.h"

namespace gs = cs351::gradescope;

namespace {

std::string mutate(std::string s, std::mt19937& rng) {
  const int edits = 1 + static_cast<int>(rng() % 8);
  const std::string alphabet = "<>\"'&;{}[]:,=/ \n\\#x0a\xc3\xa9\xff";
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const std::size_t at = rng() % s.size();
    switch (rng() % 4) {
      case 0:
        s[at] = alphabet[rng() % alphabet.size()];
        break;
      case 1:
        s.erase(at, 1 + rng() % 64);
        break;
      case 2:
        s.insert(at, s.substr(rng() % s.size(), rng() % 128));
        break;
      default:
        s.resize(at);
        break;
    }
  }
  return s;
}

void fuzz(const std::string& fixture, const std::function<void(const std::string&)>& parse) {
  std::mt19937 rng(351);
  const std::string original = cs351::test::read_fixture(fixture);
  for (int i = 0; i < 300; ++i) {
    const std::string input = mutate(original, rng);
    try {
      parse(input);
    } catch (const cs351::Error&) {
      // A typed error is the expected outcome for most mutations.
    }
  }
}

}  // namespace

TEST_SUITE_BEGIN("gradescope/fuzz");

TEST_CASE("mutated pages give results or typed errors") {
  fuzz("gradescope/account_instructor.html", [](const std::string& s) { gs::parse_account(s); });
  fuzz("gradescope/account_student_2025-11.html",
       [](const std::string& s) { gs::parse_account(s); });
  fuzz("gradescope/assignments_single_quoted.html",
       [](const std::string& s) { gs::parse_assignments(s, "p"); });
  fuzz("gradescope/assignments_double_quoted.html",
       [](const std::string& s) { gs::parse_assignments(s, "p"); });
  fuzz("gradescope/memberships_sections.html",
       [](const std::string& s) { gs::parse_memberships(s, "p"); });
  fuzz("gradescope/scores_current.csv", [](const std::string& s) { gs::parse_scores_csv(s, "p"); });
  fuzz("gradescope/scores_old.csv", [](const std::string& s) { gs::parse_scores_csv(s, "p"); });
  fuzz("gradescope/extensions.html",
       [](const std::string& s) { gs::parse_extensions_timezone(s, "p"); });
  fuzz("gradescope/submissions.html",
       [](const std::string& s) { gs::parse_submissions_manager(s, "p"); });
  fuzz("gradescope/submission_history.json",
       [](const std::string& s) { gs::parse_past_submissions(s, "p"); });
  fuzz("gradescope/login.html", [](const std::string& s) {
    gs::is_logged_out_page(s);
    gs::parse_login_token(s);
  });
}

TEST_SUITE_END();
