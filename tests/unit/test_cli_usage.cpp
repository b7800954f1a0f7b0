// usage import/students/stats/daily in process, on the ccusage fixture.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

namespace {

test::CliHarness imported() {
  test::CliHarness cli;
  cli.init();
  cli.import_roster();
  cli.ok({"usage", "import", test::fixture_path("usage/claude/ccusage").string(), "--course",
          "CS351-S26", "--student", "ada.lovelace@example.edu"});
  return cli;
}

}  // namespace

TEST_CASE("usage students: one row per student; JSON has the numbers as numbers") {
  const auto cli = imported();
  const auto csv = test::lines_of(cli.ok({"usage", "students", "--course", "CS351-S26"}).out);
  CHECK(csv.at(0).rfind("student,sessions,", 0) == 0);
  const auto rows =
      cli.ok({"usage", "students", "--course", "CS351-S26", "--format", "json"}).json();
  const auto ada = test::row_with(rows, "student", "ada.lovelace@example.edu");
  REQUIRE(!ada.is_null());
  CHECK(ada.at("sessions") == 2);
  CHECK(ada.at("api_calls") == 5);
}

TEST_CASE("usage stats prints the text report; usage daily as JSON") {
  const auto cli = imported();
  const auto stats = cli.ok({"usage", "stats", "--course", "CS351-S26"});
  CHECK(stats.out.rfind("=== Agent Usage Stats ===\n", 0) == 0);
  CHECK(stats.out.find("Total sessions: 2") != std::string::npos);
  const auto daily = cli.ok({"usage", "daily", "--course", "CS351-S26", "--format", "json"});
  REQUIRE(daily.json().is_array());
  CHECK(daily.json().at(0).at("agent") == "claude");
}

TEST_CASE("usage import without a student for an anonymous folder: an error, nothing imported") {
  test::CliHarness cli;
  cli.init();
  const auto r = cli.run({"usage", "import", test::fixture_path("usage/claude/ccusage").string(),
                          "--course", "CS351-S26"});
  CHECK(r.code != 0);
  CHECK(r.err.find("cannot tell whose transcripts these are") != std::string::npos);
}
