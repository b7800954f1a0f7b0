#include <doctest/doctest.h>

#include <sstream>

#include "cs351/core/error.h"
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

TEST_CASE("read_bounded_line stops at the first newline and refuses a longer line") {
  using cs351::read_bounded_line;
  std::istringstream two("abc\nrest of the input\n");
  CHECK(read_bounded_line(two, 8, "token") == "abc");
  CHECK(two.peek() == 'r');
  std::istringstream exact("12345678");
  CHECK(read_bounded_line(exact, 8, "token") == "12345678");
  std::istringstream too_long("123456789\n");
  CHECK_THROWS_WITH_AS(read_bounded_line(too_long, 8, "token"), "token: longer than 8 bytes",
                       cs351::Error);
}

TEST_SUITE_END();
