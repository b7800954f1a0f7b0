#include <doctest/doctest.h>

#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/page_error.h"
#include "support.h"

using cs351::gradescope::PageStructureError;
using cs351::gradescope::parse_assignments;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/assignments_page");

TEST_CASE("keeps assignment rows only, in both attribute quotings") {
  for (const auto* name :
       {"gradescope/assignments_single_quoted.html", "gradescope/assignments_double_quoted.html"}) {
    CAPTURE(name);
    const auto rows = parse_assignments(read_fixture(name), "/courses/1001/assignments");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == "8255863");
    CHECK(rows[0].title == "HW1: MapReduce");
    CHECK(rows[0].total_points == 100.0);
    CHECK(rows[0].release_date == "2026-01-20T09:00");
    CHECK(rows[0].due_date == "2026-02-03T23:59");
    CHECK(rows[0].hard_due_date == "2026-02-05T23:59");
    CHECK(rows[0].published);
    CHECK(rows[1].id == "8255864");
    CHECK(rows[1].title == "Quiz 1 — Ünïcode & <tags> 'quoted'");
    CHECK(rows[1].total_points == 10.0);
    CHECK_FALSE(rows[1].release_date.has_value());
    CHECK_FALSE(rows[1].due_date.has_value());
    CHECK_FALSE(rows[1].published);
  }
}

TEST_CASE("names what is missing when the page changed") {
  const std::string page = "/courses/1001/assignments";
  CHECK_THROWS_WITH_AS(
      parse_assignments(read_fixture("gradescope/assignments_broken_renamed_component.html"), page),
      "[data-react-class=\"AssignmentsTable\"] not found on /courses/1001/assignments (has "
      "Gradescope "
      "changed? run: cs351 gradescope check)",
      PageStructureError);
  CHECK_THROWS_WITH_AS(
      parse_assignments(read_fixture("gradescope/assignments_broken_no_table_data.html"), page),
      doctest::Contains("AssignmentsTable props key \"table_data\""), PageStructureError);
  CHECK_THROWS_WITH_AS(
      parse_assignments(
          R"(<div data-react-class="AssignmentsTable" data-react-props="{not json"></div>)", page),
      doctest::Contains("AssignmentsTable props (valid JSON object)"), PageStructureError);
  CHECK_THROWS_WITH_AS(
      parse_assignments(R"(<div data-react-class="AssignmentsTable"></div>)", page),
      doctest::Contains("@data-react-props"), PageStructureError);
}

TEST_CASE("a row without a usable id or title is an error naming the row") {
  const std::string no_id =
      R"(<div data-react-class="AssignmentsTable" data-react-props='{"table_data":[{"type":"assignment","id":"assignment_x","title":"A"}]}'></div>)";
  CHECK_THROWS_WITH_AS(parse_assignments(no_id, "p"), doctest::Contains("table_data[0] key \"id\""),
                       PageStructureError);
  const std::string no_title =
      R"(<div data-react-class="AssignmentsTable" data-react-props='{"table_data":[{"type":"assignment","id":"assignment_1"}]}'></div>)";
  CHECK_THROWS_WITH_AS(parse_assignments(no_title, "p"),
                       doctest::Contains("table_data[0] key \"title\""), PageStructureError);
}

TEST_CASE("an empty table_data is a real empty course") {
  const std::string html =
      R"(<div data-react-class="AssignmentsTable" data-react-props='{"table_data":[]}'></div>)";
  CHECK(parse_assignments(html, "p").empty());
}

TEST_SUITE_END();
