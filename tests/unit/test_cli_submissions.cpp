// submissions import (a history CSV) and report features over it, in process.
#include <doctest/doctest.h>

#include <fstream>

#include "cli_harness.h"

using namespace cs351;

namespace {

constexpr const char* k_history =
    "email,submitted_at,score,max_score\n"
    "ada.lovelace@example.edu,2026-02-01T10:00:00Z,5,10\n"
    "ada.lovelace@example.edu,2026-02-02T10:00:00Z,9,10\n";

// A course with the roster, an assignment hw1, and `history` written to history.csv.
test::CliHarness with_assignment(const std::string& history) {
  test::CliHarness cli;
  cli.init();
  cli.import_roster();
  cli.ok({"assignments", "add", "hw1", "--course", "CS351-S26", "--due", "2026-02-03T23:59"});
  std::ofstream(cli.dir() / "history.csv") << history;
  return cli;
}

std::vector<std::string> import_args(const test::CliHarness& cli) {
  return {"submissions",  "import", (cli.dir() / "history.csv").string(), "--course", "CS351-S26",
          "--assignment", "hw1"};
}

}  // namespace

TEST_CASE("submissions import: a summary on stderr; a second run changes nothing") {
  const auto cli = with_assignment(k_history);
  CHECK(cli.ok(import_args(cli)).err.find("inserted 2, updated 0, unchanged 0") !=
        std::string::npos);
  CHECK(cli.ok(import_args(cli)).err.find("inserted 0, updated 0, unchanged 2") !=
        std::string::npos);
}

TEST_CASE("submissions import: a bad row names file, line and field, and nothing is written") {
  const auto cli = with_assignment(std::string(k_history) +
                                   "alan.turing@example.edu,2026-02-01T12:00:00Z,x,10\n");
  const auto r = cli.run(import_args(cli));
  CHECK(r.code == 65);
  CHECK(r.err.find("history.csv:4: score: 'x' is not a number") != std::string::npos);
  const auto features = cli.ok(
      {"report", "features", "--course", "CS351-S26", "--assignment", "hw1", "--format", "json"});
  // Nothing was written, so nobody has attempts (Ada's two good rows would give her two).
  REQUIRE(!features.json().empty());
  for (const auto& row : features.json()) CHECK_FALSE(row.contains("attempts"));
}
