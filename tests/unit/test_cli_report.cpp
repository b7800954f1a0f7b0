// report features in process: one row per student, CSV or JSON.
#include <doctest/doctest.h>

#include <fstream>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("report features: a row per enrolled student, attempts from the history") {
  test::CliHarness cli;
  cli.init();
  cli.import_roster();
  cli.ok({"assignments", "add", "hw1", "--course", "CS351-S26", "--due", "2026-02-03T23:59"});
  std::ofstream(cli.dir() / "h.csv") << "email,submitted_at,score,max_score\n"
                                        "ada.lovelace@example.edu,2026-02-01T10:00:00Z,5,10\n"
                                        "ada.lovelace@example.edu,2026-02-02T10:00:00Z,9,10\n";
  cli.ok({"submissions", "import", (cli.dir() / "h.csv").string(), "--course", "CS351-S26",
          "--assignment", "hw1"});
  const std::vector<std::string> features{"report",    "features",     "--course",
                                          "CS351-S26", "--assignment", "hw1"};
  const auto csv = test::lines_of(cli.ok(features).out);
  REQUIRE(!csv.empty());
  CHECK(csv[0].rfind("email,name,attempts,", 0) == 0);
  auto json_args = features;
  json_args.insert(json_args.end(), {"--format", "json"});
  const auto rows = cli.ok(json_args).json();
  CHECK(rows.size() + 1 == csv.size());
  const auto ada = test::row_with(rows, "email", "ada.lovelace@example.edu");
  REQUIRE(!ada.is_null());
  CHECK(ada.at("attempts") == 2);
  CHECK(ada.at("best_score_pct") == 90);
}

TEST_CASE("report features for an assignment the course lacks: an error naming it") {
  test::CliHarness cli;
  cli.init();
  const auto r = cli.run({"report", "features", "--course", "CS351-S26", "--assignment", "hw9"});
  CHECK(r.code != 0);
  CHECK(r.err.find("no assignment 'hw9' in CS351-S26") != std::string::npos);
}
