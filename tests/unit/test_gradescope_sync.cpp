#include <doctest/doctest.h>

#include "cs351/core/error.h"
#include "cs351/gradescope/sync.h"

using namespace cs351;
using namespace cs351::gradescope;

namespace {

CourseSync course(const std::string& code, ExitCode status = ExitCode::ok) {
  CourseSync c;
  c.code = code;
  c.status = status;
  return c;
}

}  // namespace

TEST_SUITE_BEGIN("gradescope/sync");

TEST_CASE("--only parts parse, and an unknown part names the choices") {
  CHECK(parse_parts("roster, scores") == std::set<Part>{Part::roster, Part::scores});
  CHECK(parse_parts("history") == std::set<Part>{Part::history});
  CHECK_THROWS_WITH(
      parse_parts("roster,grades"),
      doctest::Contains(
          "unknown part 'grades' (choose from roster, assignments, scores, history)"));
}

TEST_CASE("the summary line counts what changed, with thousands separators") {
  CourseSync c;
  c.code = "CS351-S26";
  c.assignments = {1, 0, 13};
  c.members = {0, 2, 310};
  c.scores = {0, 97, 4271};
  c.seconds = 41.2;
  CHECK(summary_line(c) ==
        "CS351-S26: 14 assignments (1 new), 312 members (2 updated), 4,368 scores (97 updated) in "
        "41 s");
  c.failures = {"HW1 scores: x", "HW2 scores: y"};
  c.submissions = {1200, 0, 0};
  CHECK(summary_line(c) ==
        "CS351-S26: 14 assignments (1 new), 312 members (2 updated), 4,368 scores (97 updated), "
        "1,200 past submissions "
        "(1,200 new) in 41 s; 2 failed");
  CHECK(summary_line(course("X")) == "X: nothing synced in 0 s");
}

TEST_CASE("the run's exit status is the highest code met") {
  SyncReport r;
  CHECK(r.status() == ExitCode::ok);
  r.courses = {course("A", ExitCode::data), course("B", ExitCode::unavailable), course("C")};
  CHECK(r.status() == ExitCode::unavailable);
}

TEST_SUITE_END();
