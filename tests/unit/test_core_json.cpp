#include <doctest/doctest.h>

#include <string>

#include "cs351/core/json.h"

TEST_SUITE_BEGIN("core/json");

TEST_CASE("parses documents up to the depth limit") {
  const std::string ok =
      std::string(cs351::k_max_json_depth, '[') + "1" + std::string(cs351::k_max_json_depth, ']');
  CHECK_FALSE(cs351::parse_json(ok).is_discarded());
  CHECK(cs351::parse_json(R"({"a": [1, {"b": "x"}]})")["a"][1]["b"] == "x");
  CHECK(cs351::parse_json("not json").is_discarded());
}

// Found by fuzzing: a results.json this deep parsed, then dump() overflowed the worker's stack.
TEST_CASE("refuses nesting past the limit, and ignores brackets inside strings") {
  const int deep = cs351::k_max_json_depth + 1;
  CHECK(cs351::parse_json(std::string(deep, '[') + std::string(deep, ']')).is_discarded());
  CHECK(cs351::parse_json(R"({"score": 1, "tests": )" + std::string(100000, '[') +
                          std::string(100000, ']') + "}")
            .is_discarded());
  const std::string brackets(5000, '[');
  CHECK(cs351::parse_json("{\"name\": \"" + brackets + "\\\"" + brackets + "\"}")["name"] ==
        brackets + "\"" + brackets);
}

TEST_SUITE_END();
