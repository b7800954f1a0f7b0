#include <doctest/doctest.h>

#include "cs351/gradescope/pages/account_page.h"
#include "cs351/gradescope/pages/page_error.h"
#include "support.h"

using cs351::gradescope::PageStructureError;
using cs351::gradescope::parse_account;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/account_page");

TEST_CASE("reads the current (2025-11) student layout") {
  const auto page = parse_account(read_fixture("gradescope/account_student_2025-11.html"));
  REQUIRE(page.courses.size() == 1);
  const auto& c = page.courses[0];
  CHECK(c.id == "1132878");
  CHECK(c.short_name == "GEMA1001.03");
  CHECK(c.name == "高等数学I（Calculus I）");
  CHECK(c.term == "Fall 2025");
  CHECK(c.role == "student");
  CHECK(c.assignments == 8);
  CHECK_FALSE(page.staff);
}

TEST_CASE("reads the 2021 layout with h2 terms and h4 names") {
  const auto page = parse_account(read_fixture("gradescope/account_student_2021.html"));
  REQUIRE(page.courses.size() == 8);
  CHECK(page.courses[0].id == "123456");
  CHECK(page.courses[0].name == "Linear Algebra");
  CHECK(page.courses[0].term == "Spring 1776");
  CHECK(page.courses[4].id == "029384");
  CHECK(page.courses[4].term == "Fall 1775");
  CHECK(page.courses[5].assignments == 0);
  CHECK(page.courses[1].assignments == 1);
}

TEST_CASE("tells instructor courses from student courses by their heading") {
  const auto page = parse_account(read_fixture("gradescope/account_instructor.html"));
  CHECK(page.staff);
  REQUIRE(page.courses.size() == 3);
  CHECK(page.courses[0].id == "1001");
  CHECK(page.courses[0].role == "instructor");
  CHECK(page.courses[1].term == "Fall 2025");
  CHECK(page.courses[1].role == "instructor");
  CHECK(page.courses[2].id == "4242");
  CHECK(page.courses[2].role == "student");
}

TEST_CASE("reads the newer course boxes without div.courseList, terms and roles included") {
  const auto page = parse_account(read_fixture("gradescope/account_course_boxes.html"));
  CHECK(page.staff);
  REQUIRE(page.courses.size() == 3);
  CHECK(page.courses[0].id == "1001");
  CHECK(page.courses[0].short_name == "CS 351");
  CHECK(page.courses[0].name == "Cloud Computing");
  CHECK(page.courses[0].term == "Spring 2026");
  CHECK(page.courses[0].role == "instructor");
  CHECK(page.courses[0].assignments == 2);
  CHECK(page.courses[1].id == "998");
  CHECK(page.courses[1].term == "Fall 2025");
  CHECK(page.courses[1].role == "instructor");
  CHECK(page.courses[2].id == "4242");
  CHECK(page.courses[2].term == "Spring 2026");
  CHECK(page.courses[2].role == "student");
}

TEST_CASE("a changed layout or a login page is an error, never an empty list") {
  for (const auto* name : {"gradescope/account_broken_no_boxes.html", "gradescope/login.html"}) {
    CAPTURE(name);
    try {
      parse_account(read_fixture(name));
      FAIL("accepted");
    } catch (const PageStructureError& e) {
      CHECK(e.expected() == "div.courseList or a.courseBox");
      CHECK(e.page() == "/account");
      CHECK(e.code() == cs351::ExitCode::data);
    }
  }
  CHECK_THROWS_AS(parse_account(""), PageStructureError);
}

TEST_CASE("a course box without a course link is named") {
  const std::string html =
      R"(<div class="courseList"><a class="courseBox" href="/courses/abc">x</a></div>)";
  CHECK_THROWS_WITH_AS(parse_account(html),
                       doctest::Contains("a.courseBox[href=\"/courses/{id}\"]"),
                       PageStructureError);
}

TEST_SUITE_END();
