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

// A scores listing as `scores list` declares it, with a long email and title.
Listing scores() {
  Listing listing{{"assignment", "email", "score", "max_points", "status", "submission_id",
                   "submitted_at", "lateness_s"}};
  listing.rows.push_back({{"assignment", "Homework 1: MapReduce"},
                          {"email", "ada.lovelace@example.edu"},
                          {"score", 1234567},
                          {"max_points", 100},
                          {"status", "graded"},
                          {"submission_id", "301234567"},
                          {"submitted_at", "2026-02-10T23:59:00Z"},
                          {"lateness_s", 0}});
  return listing;
}

ColumnRoles score_roles() {
  return {column::key("email"),
          column::plain("assignment"),
          column::number("score"),
          column::date("submitted_at"),
          column::low(column::number("max_points")),
          column::low(column::key("submission_id")),
          column::low(column::number("lateness_s"))};
}

OutputOptions scores_table(std::size_t width) {
  auto options = as("table", width);
  options.roles = score_roles();
  return options;
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
                       "--columns: unknown column 'nope'; did you mean note, name? (valid: name, "
                       "note, score)",
                       cs351::Error);
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

TEST_CASE("an 80-column scores table keeps email and date whole and drops max_points first") {
  std::ostringstream notices;
  auto options = scores_table(80);
  options.notices = &notices;
  const auto text = print(scores(), options);
  CHECK(text.find("ada.lovelace@example.edu") != std::string::npos);
  CHECK(text.find("2026-02-10T23:59:00Z") != std::string::npos);
  CHECK(text.find("1,234,567") != std::string::npos);
  CHECK(text.find("max_points") == std::string::npos);
  CHECK(text.find("301234567") == std::string::npos);
  CHECK(text.find("Homework 1: …") != std::string::npos);  // the title gives way instead
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) CHECK(display_width(line) <= 80);
  CHECK(notices.str() ==
        "cs351: not shown to fit 80 columns: max_points, submission_id, lateness_s (--wide or "
        "--columns shows them)\n");
}

TEST_CASE("--wide shows every column whole; --columns exactly the chosen ones") {
  auto wide = scores_table(80);
  wide.wide = true;
  const auto text = print(scores(), wide);
  CHECK(text.find("max_points") != std::string::npos);
  CHECK(text.find("Homework 1: MapReduce") != std::string::npos);
  auto chosen = scores_table(30);
  chosen.columns = {"submission_id", "email"};
  CHECK(print(scores(), chosen) ==
        "submission_id  email\n"
        "301234567      ada.lovelace@example.edu\n");
}

TEST_CASE("CSV and JSON keep numbers as they are, without separators") {
  auto csv = scores_table(80);
  csv.format = "csv";
  CHECK(print(scores(), csv).find(",1234567,") != std::string::npos);
  auto js = scores_table(80);
  js.format = "json";
  CHECK(print(scores(), js).find("1234567,") != std::string::npos);
}

TEST_CASE("an unknown --columns name is a usage error with the nearest name") {
  auto options = scores_table(80);
  options.columns = {"emial"};
  CHECK_THROWS_WITH_AS(print(scores(), options),
                       doctest::Contains("unknown column 'emial'; did you mean email?"),
                       cs351::Error);
}
