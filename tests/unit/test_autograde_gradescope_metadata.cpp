#include <doctest/doctest.h>

#include "cs351/autograde/gradescope_metadata.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "support.h"

using namespace cs351;
using namespace cs351::autograde;

TEST_SUITE_BEGIN("autograde/gradescope_metadata");

TEST_CASE("reads Gradescope's submission_metadata.json") {
  const auto m = parse_submission_metadata(R"({
    "id": 123456, "created_at": "2018-07-01T14:22:32.365935-07:00",
    "assignment": {"id": 25828, "course_id": 777, "title": "Programming Assignment 1", "total_points": "20.0",
                   "group_submission": true, "group_size": 2},
    "submission_method": "upload",
    "users": [{"email": "student@example.com", "id": 1234, "name": "Student User"},
              {"email": "partner@example.com", "id": 5678, "name": "Partner", "sid": "s2"}],
    "previous_submissions": [{"submission_time": "2017-04-06T14:24:48.087023-07:00", "score": 0.0, "results": {}}]})");
  CHECK(m.submission_id == "123456");
  CHECK(m.course_id == "777");
  CHECK(m.assignment_id == "25828");
  CHECK(m.assignment_title == "Programming Assignment 1");
  CHECK(m.emails == std::vector<std::string>{"student@example.com", "partner@example.com"});
  REQUIRE(m.created_at.has_value());
  CHECK(format_utc(*m.created_at) == "2018-07-01T21:22:32Z");
}

TEST_CASE("the 2019 layout has no course id: parsed, the course left for the bridge to pick") {
  const auto m =
      parse_submission_metadata(test::read_fixture("autograde/metadata/archlab_2019.json"));
  CHECK(m.course_id.empty());
  CHECK(m.submission_id.empty());
  CHECK(m.assignment_id == "25828");
  CHECK(m.assignment_title == "Programming Assignment 1");
  CHECK(m.emails == std::vector<std::string>{"student@example.com"});
}

TEST_CASE("names what is missing") {
  const std::pair<const char*, const char*> cases[] = {
      {"nonsense", "not a JSON object"},
      {"[]", "not a JSON object"},
      {R"({"users": [{"email": "a@x"}]})", "\"assignment\" must be an object"},
      {R"({"assignment": {"course_id": 1}, "users": [{"email": "a@x"}]})",
       "title and assignment.id are missing"},
      {R"({"assignment": {"course_id": 1, "title": "A"}, "users": []})", "non-empty array"},
      {R"({"assignment": {"course_id": 1, "title": "A"}, "users": [{"name": "x"}]})",
       "users[0].email"},
      {R"({"created_at": "2018-07-01T14:22:32.365935-07:", "assignment": {"course_id": 1,
           "title": "A"}, "users": [{"email": "a@x"}]})",
       "created_at: cannot parse \"2018-07-01T14:22:32.365935-07:\""},
  };
  for (const auto& [text, message] : cases) {
    const auto& input = text;  // clang 14 cannot capture a structured binding
    CAPTURE(input);
    CHECK_THROWS_WITH_AS(parse_submission_metadata(text), doctest::Contains(message), Error);
  }
}

TEST_SUITE_END();
