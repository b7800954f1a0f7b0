#include <doctest/doctest.h>

#include "cs351/gradescope/roster_diff.h"

using namespace cs351::gradescope;

TEST_SUITE_BEGIN("gradescope/roster_diff");

TEST_CASE("roster differences: the first few by default, every address when asked") {
  RosterDifferences d;
  for (char c = 'a'; c <= 'g'; ++c) d.only_on_gradescope.push_back(std::string(1, c) + "@x.edu");
  d.only_local = {"z@x.edu"};

  const auto brief = describe(d, false);
  REQUIRE(brief.size() == 2);
  CHECK(brief[0] ==
        "7 on Gradescope but not enrolled locally: a@x.edu, b@x.edu, c@x.edu, d@x.edu, e@x.edu "
        "and 2 more (-v lists all)");
  CHECK(brief[1] == "1 enrolled locally but not on Gradescope: z@x.edu");

  const auto full = describe(d, true);
  REQUIRE(full.size() == 2);
  CHECK(full[0] ==
        "7 on Gradescope but not enrolled locally: a@x.edu, b@x.edu, c@x.edu, d@x.edu, e@x.edu, "
        "f@x.edu, g@x.edu");
  CHECK(describe(RosterDifferences{}, true).empty());
}

TEST_SUITE_END();
