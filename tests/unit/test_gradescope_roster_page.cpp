#include <doctest/doctest.h>

#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "support.h"

using cs351::gradescope::PageStructureError;
using cs351::gradescope::parse_memberships;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/roster_page");

TEST_CASE("reads every member with both ids") {
  for (const auto* name :
       {"gradescope/memberships_sections.html", "gradescope/memberships_no_sections.html"}) {
    CAPTURE(name);
    const auto m = parse_memberships(read_fixture(name), "/courses/1001/memberships");
    REQUIRE(m.size() == 5);
    CHECK(m[0].email == "ada@example.edu");
    CHECK(m[0].name == "Ada Lovelace");
    CHECK(m[0].sid == "240001001");
    CHECK(m[0].role == "student");
    CHECK(m[0].membership_id == "9001");
    CHECK(m[0].user_id == "501");
    CHECK(m[1].name == "Zoë Ñúñez");
    CHECK(m[1].first_name == "Zoë");
    CHECK(m[2].last_name == "O'Brien");
    CHECK(m[3].role == "ta");
    CHECK_FALSE(m[3].user_id.has_value());
    CHECK(m[4].role == "instructor");
  }
}

TEST_CASE("sections come from the data attribute, or are absent without a Sections column") {
  const auto with = parse_memberships(read_fixture("gradescope/memberships_sections.html"), "p");
  CHECK(with[2].sections == std::vector<std::string>{"L01", "Lab A"});
  CHECK(with[3].sections.empty());
  const auto without =
      parse_memberships(read_fixture("gradescope/memberships_no_sections.html"), "p");
  CHECK(without[2].sections.empty());
}

TEST_CASE("the Sections column is found by its header when the attribute is absent") {
  const std::string html =
      R"(<table class="js-rosterTable"><thead><tr><th>Name</th><th>Email</th><th>Sections</th></tr></thead>
<tr class="rosterRow"><td><button class="rosterCell--editIcon" data-email="A@x.edu" data-role="0" data-id="7"></button>A</td><td>a@x.edu</td><td>L01, L02</td></tr></table>)";
  const auto m = parse_memberships(html, "p");
  REQUIRE(m.size() == 1);
  CHECK(m[0].email == "a@x.edu");
  CHECK(m[0].sections == std::vector<std::string>{"L01", "L02"});
}

TEST_CASE("a missing table, empty table or incomplete row is an error") {
  CHECK_THROWS_WITH_AS(
      parse_memberships(read_fixture("gradescope/memberships_broken_no_table.html"), "p"),
      doctest::Contains("table.js-rosterTable not found"), PageStructureError);
  CHECK_THROWS_WITH_AS(
      parse_memberships(read_fixture("gradescope/memberships_broken_empty.html"), "p"),
      doctest::Contains("tr.rosterRow not found"), PageStructureError);
  const std::string no_button =
      R"(<table class="js-rosterTable"><tr class="rosterRow"><td>x</td></tr></table>)";
  CHECK_THROWS_WITH_AS(parse_memberships(no_button, "p"),
                       doctest::Contains("tr.rosterRow[0] button.rosterCell--editIcon"),
                       PageStructureError);
  const std::string bad_role =
      R"(<table class="js-rosterTable"><tr class="rosterRow"><td><button class="rosterCell--editIcon" data-email="a@x" data-role="9" data-id="1"></button></td></tr></table>)";
  CHECK_THROWS_AS(parse_memberships(bad_role, "p"), PageStructureError);
}

TEST_CASE("a member listed twice is a data error naming both rows") {
  const std::string row =
      R"(<tr class="rosterRow"><td><button class="rosterCell--editIcon" data-email="a@x.edu" data-role="0" data-id="1"></button></td></tr>)";
  const std::string html = "<table class=\"js-rosterTable\">" + row + row + "</table>";
  CHECK_THROWS_WITH(parse_memberships(html, "/courses/1/memberships"),
                    "/courses/1/memberships: a@x.edu is listed twice (tr.rosterRow[0] and [1])");
}

TEST_SUITE_END();
