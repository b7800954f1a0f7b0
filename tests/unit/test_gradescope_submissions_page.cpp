#include <doctest/doctest.h>

#include "cs351/core/time_format.h"
#include "cs351/gradescope/pages/extensions_page.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/submissions_page.h"
#include "support.h"

using namespace cs351::gradescope;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/submissions_page");

TEST_CASE("maps active submissions to their owners, groups included") {
  const auto owners = parse_submissions_manager(read_fixture("gradescope/submissions.html"), "p");
  REQUIRE(owners.size() == 2);
  CHECK(owners.at("31001") == std::vector<std::string>{"ada@example.edu"});
  CHECK(owners.at("31002") == std::vector<std::string>{"zoe@example.edu", "bob@example.edu"});
}

TEST_CASE("reads past submissions with their times and scores") {
  const auto past = parse_past_submissions(read_fixture("gradescope/submission_history.json"), "p");
  REQUIRE(past.size() == 2);
  CHECK(past[0].id == "30990");
  CHECK(cs351::format_utc(past[0].created_at) == "2026-02-03T02:04:11Z");
  CHECK(past[0].score == 40.0);
  CHECK(past[1].score == 95.5);
}

TEST_CASE("broken submission pages are named") {
  CHECK_THROWS_WITH_AS(parse_submissions_manager("<html></html>", "p"),
                       doctest::Contains("[data-react-class=\"SubmissionsManager\"]"),
                       PageStructureError);
  CHECK_THROWS_WITH_AS(
      parse_submissions_manager(
          R"(<div data-react-class="SubmissionsManager" data-react-props='{"students":[]}'></div>)",
          "p"),
      doctest::Contains("key \"submissions\""), PageStructureError);
  CHECK_THROWS_WITH_AS(parse_past_submissions("<html>", "p"), doctest::Contains("a JSON object"),
                       PageStructureError);
  CHECK_THROWS_WITH_AS(parse_past_submissions(R"({"past_submissions":[{"id":1}]})", "p"),
                       doctest::Contains("past_submissions[0] keys"), PageStructureError);
}

TEST_CASE("a created_at that is there but unreadable is named with its text, not as missing") {
  const auto body =
      R"({"past_submissions":[{"id":1,"created_at":"2023-10-08T10:44:09.798629-07:00"},
                        {"id":2,"created_at":"2023-10-08T10:44:09.798629-07:"}]})";
  try {
    parse_past_submissions(body, "p");
    FAIL("accepted");
  } catch (const PageStructureError&) {
    FAIL("reported as a missing key");
  } catch (const cs351::Error& e) {
    CHECK(std::string(e.what()) ==
          "p: past_submissions[1].created_at: cannot parse \"2023-10-08T10:44:09.798629-07:\"");
    CHECK(e.code() == cs351::ExitCode::data);
  }
}

TEST_CASE("the course time zone comes from the extensions page") {
  CHECK(parse_extensions_timezone(read_fixture("gradescope/extensions.html"), "p") ==
        "America/New_York");
  CHECK_THROWS_WITH_AS(
      parse_extensions_timezone(
          R"(<div data-react-class="EditExtension" data-react-props='{"override":{}}'></div>)",
          "p"),
      doctest::Contains("EditExtension props key \"timezone\""), PageStructureError);
}

TEST_SUITE_END();
