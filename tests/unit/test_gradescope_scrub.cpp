#include <doctest/doctest.h>

#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/scrub.h"
#include "support.h"

using namespace cs351::gradescope;
using cs351::test::read_fixture;

namespace {

const std::vector<std::pair<std::string, std::string>> k_pages{
    {"memberships", "gradescope/memberships_sections.html"},
    {"scores.csv", "gradescope/scores_current.csv"},
    {"submissions", "gradescope/submissions.html"},
    {"submission history", "gradescope/submission_history.json"},
    {"extensions", "gradescope/extensions.html"},
    {"account", "gradescope/account_student_2025-11.html"},
};

// Every person value of the fixtures, as the fixtures spell them.
const std::vector<std::string> k_originals{"ada@example.edu",
                                           "Ada@Example.edu",
                                           "Lovelace",
                                           "Zoë",
                                           "Ñúñez",
                                           "O'Brien",
                                           "240001001",
                                           "240001002",
                                           "Tara Assistant",
                                           "ian@example.edu",
                                           "student@example.edu",
                                           "1234567",
                                           "REDACTED_CSRF",
                                           "REDACTED_AUTH"};

}  // namespace

TEST_SUITE_BEGIN("gradescope/scrub");

TEST_CASE("no original value survives in any page, in any spelling") {
  Scrubber s;
  s.protect("1001");
  s.protect("8255863");
  for (const auto& [kind, file] : k_pages) s.learn(kind, read_fixture(file));
  CHECK(s.people() == 5);
  for (const auto& [kind, file] : k_pages) {
    const auto& page = file;  // clang 14 cannot capture a structured binding
    CAPTURE(page);
    const auto scrubbed = s.scrub(read_fixture(file));
    const auto left = s.survivors(scrubbed);
    CHECK_MESSAGE(left.empty(), "survived: " << (left.empty() ? "" : left.front()));
    for (const auto& original : k_originals) {
      CAPTURE(original);
      CHECK(scrubbed.find(original) == std::string::npos);
    }
    CHECK(scrubbed.find("O&#x27;Brien") == std::string::npos);
    CHECK(scrubbed.find("\\u00d1") == std::string::npos);
  }
}

TEST_CASE("scrubbed pages still parse, with stable fakes and protected ids kept") {
  Scrubber s;
  s.protect("1001");
  for (const auto& [kind, file] : k_pages) s.learn(kind, read_fixture(file));
  const auto members =
      parse_memberships(s.scrub(read_fixture("gradescope/memberships_sections.html")), "p");
  const auto scores = parse_scores_csv(s.scrub(read_fixture("gradescope/scores_current.csv")), "p");
  REQUIRE(members.size() == 5);
  CHECK(members[0].email == "person001@example.edu");
  CHECK(members[0].name == "Person 001");
  CHECK(members[0].sid != "240001001");
  CHECK(members[2].sections == std::vector<std::string>{"L01", "Lab A"});
  CHECK(scores[0].email == members[0].email);  // the same person gets the same fake everywhere
  CHECK(scores[0].sid == members[0].sid);
  CHECK(scores[0].score == 95.5);
  CHECK(s.scrub("/courses/1001/gradebook.json?user_id=501").find("/courses/1001/") !=
        std::string::npos);
}

TEST_CASE("survivors reports what a scrub missed") {
  Scrubber s;
  s.add_person({"ada@example.edu", "Ada Lovelace", "Ada", "Lovelace", "240001001", "501", "9001"});
  CHECK(s.survivors("nothing here, 2400010011 is another number").empty());
  CHECK(s.survivors("user 501 here").size() == 1);
  CHECK_FALSE(s.survivors("ADA@EXAMPLE.EDU").empty());
}

TEST_SUITE_END();
