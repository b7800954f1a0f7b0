#include <doctest/doctest.h>

#include <sstream>

#include "cli/output.h"
#include "cli/text_width.h"
#include "cs351/core/error.h"

using namespace cs351::cli;
using nlohmann::json;

namespace {

Listing people() {
  Listing listing{{"name", "score", "note"}};
  listing.rows.push_back(
      {{"name", "李小龍"}, {"score", 87.456}, {"note", "a long note that is cut"}});
  listing.rows.push_back({{"name", "Ada"}, {"score", 100}, {"note", ""}});
  return listing;
}

// Options as the flags would set them (a designated initializer would leave fields unnamed).
OutputOptions as(const std::string& format, std::size_t width = 0) {
  OutputOptions options;
  options.format = format;
  options.width = width;
  return options;
}

std::string print(const Listing& listing, const OutputOptions& options) {
  std::ostringstream out;
  write_listing(out, listing, options);
  return out.str();
}

}  // namespace

TEST_SUITE_BEGIN("cli/output");

TEST_CASE("display width counts East Asian wide characters as two cells") {
  CHECK(display_width("Ada") == 3);
  CHECK(display_width("李小龍") == 6);
  CHECK(display_width("José") == 4);
  CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
  CHECK(truncate_to_width("李小龍 Bruce", 5) == "李小…");
  CHECK(truncate_to_width("short", 10) == "short");
}

TEST_CASE("tables align by display width, right-align numbers and round them") {
  const auto text = print(people(), as("table"));
  CHECK(text ==
        "name    score  note\n"
        "李小龍  87.46  a long note that is cut\n"
        "Ada       100\n");
}

TEST_CASE("a table wider than the terminal cuts the widest text column with an ellipsis") {
  const auto text = print(people(), as("table", 24));
  CHECK(text ==
        "name    score  note\n"
        "李小龍  87.46  a long n…\n"
        "Ada       100\n");
}

TEST_CASE("a terminal narrower than every column's minimum still prints, columns at 8 cells") {
  const auto text = print(people(), as("table", 10));
  CHECK(text.find("a long …") != std::string::npos);
}

TEST_CASE("--columns, --limit and --no-headers apply to every format") {
  auto csv = as("csv");
  csv.columns = {"score", "name"};
  csv.limit = 1;
  csv.headers = false;
  CHECK(print(people(), csv) == "87.456,李小龍\r\n");
  auto json_note = as("json");
  json_note.columns = {"note"};
  json_note.limit = 2;
  CHECK(
      print(people(), json_note) ==
      "[\n  {\n    \"note\": \"a long note that is cut\"\n  },\n  {\n    \"note\": null\n  }\n]\n");
  auto unknown = as("csv");
  unknown.columns = {"nope"};
  CHECK_THROWS_WITH_AS(print(people(), unknown),
                       "--columns: unknown column 'nope' (valid: name, note, score)", cs351::Error);
}

TEST_CASE("JSON spells every empty value null, at any depth") {
  CHECK(empty_as_null(json{{"a", ""}, {"b", json::array({"", "x"})}}) ==
        json{{"a", nullptr}, {"b", json::array({nullptr, "x"})}});
}

TEST_CASE("a single result prints as key: value, one CSV row, or a JSON object") {
  const json run{{"id", 7}, {"error", ""}};
  std::ostringstream table, csv, js;
  write_object(table, run, as("table"));
  write_object(csv, run, as("csv"));
  write_object(js, run, as("json"));
  CHECK(table.str() == "error: \nid: 7\n");
  CHECK(csv.str() == "error,id\r\n,7\r\n");
  CHECK(js.str() == "{\n  \"error\": null,\n  \"id\": 7\n}\n");
}

TEST_CASE("numbers in tables: whole numbers whole, fractions to two decimals") {
  CHECK(number_text(3.0) == "3");
  CHECK(number_text(0.8666666) == "0.87");
  CHECK(number_text(12.5) == "12.5");
  CHECK(number_text(0.00123) == "0.00123");
}
