#include <doctest/doctest.h>

#include "cs351/core/text.h"

TEST_SUITE_BEGIN("core/text");

TEST_CASE("edit_distance counts single-byte insertions, deletions and substitutions") {
  using cs351::edit_distance;
  CHECK(edit_distance("roster", "roster") == 0);
  CHECK(edit_distance("rostr", "roster") == 1);
  CHECK(edit_distance("roster", "rostr") == 1);
  CHECK(edit_distance("--corse", "--course") == 1);
  CHECK(edit_distance("lsit", "list") == 2);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_SUITE_END();
