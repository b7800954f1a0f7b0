// course add/list/use/edit in process.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;
using test::CliHarness;

TEST_CASE("course add then list: CSV piped, JSON with the stable field names") {
  CliHarness cli;
  cli.init(false);
  cli.ok({"course", "add", "CS351-S26", "--name", "Cloud Computing", "--timezone",
          "America/Indiana/Indianapolis"});
  const auto csv = cli.ok({"course", "list"});
  CHECK(test::lines_of(csv.out) ==
        std::vector<std::string>{"code,name,term,timezone,active,gradescope_course_id",
                                 "CS351-S26,Cloud Computing,,America/Indiana/Indianapolis,true,"});
  const auto json = cli.ok({"course", "list", "--format", "json"});
  CHECK(json.json()[0].at("code") == "CS351-S26");
  CHECK(json.json()[0].at("term").is_null());
}

TEST_CASE("course add refuses an unknown time zone (bad data, nothing added)") {
  CliHarness cli;
  cli.init(false);
  const auto r = cli.run({"course", "add", "X", "--timezone", "Mars/Olympus"});
  CHECK(r.code != 0);
  CHECK(r.err.find("Mars/Olympus") != std::string::npos);
  CHECK(cli.ok({"course", "list", "--format", "json"}).json().empty());
}

TEST_CASE("course list --columns and --no-headers shape the table on a terminal") {
  CliHarness cli;
  cli.init();
  const auto r =
      cli.ok({"course", "list", "--columns", "code,timezone", "--no-headers"}, test::interactive());
  CHECK(test::lines_of(r.out) == std::vector<std::string>{"CS351-S26  UTC"});
}
