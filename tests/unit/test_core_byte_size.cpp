#include <doctest/doctest.h>

#include "cs351/core/byte_size.h"

using namespace cs351;

TEST_SUITE_BEGIN("core/byte_size");

TEST_CASE("sizes") {
  CHECK(parse_size("1048576") == 1048576u);
  CHECK(parse_size("64K") == 65536u);
  CHECK(parse_size("2G") == 2ULL << 30);
  for (const char* bad : {"", "M", "1.5G", "-1", "12T", "99999999999999999999"})
    CHECK_FALSE(parse_size(bad));
  CHECK(format_size(768ULL << 20) == "768M");
  CHECK(format_size(1000) == "1000");
}

TEST_SUITE_END();
