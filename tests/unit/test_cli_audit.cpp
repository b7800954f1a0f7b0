// audit scores and autograde stale on a store without Gradescope scores, in process.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("audit scores: nothing to compare yet; a header piped, [] as JSON, a summary") {
  test::CliHarness cli;
  cli.init();
  const auto csv = cli.ok({"audit", "scores", "--course", "CS351-S26"});
  CHECK(csv.out.rfind("email,assignment,gradescope_score,", 0) == 0);
  CHECK(csv.err.find("CS351-S26: compared 0, discrepancies 0") != std::string::npos);
  CHECK(cli.ok({"audit", "scores", "--course", "CS351-S26", "--format", "json"}).json().empty());
  CHECK(cli.run({"audit", "scores", "--course", "NOPE"}).code != 0);
}
