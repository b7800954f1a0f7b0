#include <doctest/doctest.h>

#include "cs351/core/csv.h"
#include "cs351/core/error.h"

using cs351::parse_csv;

TEST_SUITE_BEGIN("core/csv");

TEST_CASE("quoted fields keep commas, quotes and newlines, and lines are counted") {
  const auto recs =
      parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,row", "t.csv");
  REQUIRE(recs.size() == 4);
  CHECK(recs[1].fields == std::vector<std::string>{"x, y", "say \"hi\""});
  CHECK(recs[2].fields == std::vector<std::string>{"multi\nline", "z"});
  CHECK(recs[2].line == 3);
  CHECK(recs[3].line == 5);
}

TEST_CASE("BOM is stripped, blank lines skipped, empty fields kept") {
  const auto recs = parse_csv("\xEF\xBB\xBFh1,h2\n\n,\n", "t.csv");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].fields[0] == "h1");
  CHECK(recs[1].fields == std::vector<std::string>{"", ""});
}

TEST_CASE("malformed input is a data error naming file and line") {
  auto expect_error = [](std::string_view bytes, const std::string& needle) {
    try {
      parse_csv(bytes, "bad.csv");
      FAIL("accepted");
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::data);
      CHECK_MESSAGE(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
  };
  expect_error("a,b\n\"open,x\n", "bad.csv:2: unterminated");
  expect_error("a,b\n\"x\"y,z\n", "bad.csv:2: unexpected text");
  expect_error(std::string_view("a,b\nx\0y,z\n", 10), "bad.csv:2: binary data");
  expect_error("a,b\nJos\xE9,z\n", "bad.csv:2: invalid UTF-8");
}

TEST_SUITE_END();
