// roster import/list/export/remove in process: formats, piped vs terminal defaults, the
// confirmation prompt read from stdin.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;
using test::CliHarness;

namespace {

const std::string k_roster = test::fixture_path("rosters/gradescope_roster.csv").string();

CliHarness imported() {
  CliHarness cli;
  cli.init();
  cli.ok({"roster", "import", k_roster, "--course", "CS351-S26"});
  return cli;
}

}  // namespace

TEST_CASE("roster import: the summary on stderr, the change list as JSON on stdout") {
  CliHarness cli;
  cli.init();
  const auto r =
      cli.ok({"roster", "import", k_roster, "--course", "CS351-S26", "--format", "json"});
  CHECK(r.json().at("inserted") == 8);
  CHECK(r.err.find("inserted 8, updated 0, unchanged 0, removed 0") != std::string::npos);
  const auto again =
      cli.ok({"roster", "import", k_roster, "--course", "CS351-S26", "--format", "json"});
  CHECK(again.json().at("unchanged") == 8);
}

TEST_CASE("roster list: CSV when piped, an aligned table on a terminal, JSON on request") {
  const auto cli = imported();
  const auto piped = cli.ok({"roster", "list", "--course", "CS351-S26"});
  const auto lines = test::lines_of(piped.out);
  REQUIRE(lines.size() == 9);  // a header and the 8 people
  CHECK(lines[0] == "email,name,first_name,last_name,sid,role,sections,status,gradescope_user_id");

  const auto table = cli.ok({"roster", "list", "--course", "CS351-S26"}, test::interactive());
  const auto table_lines = test::lines_of(table.out);
  REQUIRE(table_lines.size() == 9);
  CHECK(table_lines[0].find(',') == std::string::npos);  // aligned columns, not CSV
  CHECK(table_lines[0].rfind("email ", 0) == 0);

  const auto json = cli.ok({"roster", "list", "--course", "CS351-S26", "--format", "json"});
  REQUIRE(json.json().is_array());
  CHECK(json.json().size() == 8);
  CHECK(json.json()[0].contains("sections"));
}

TEST_CASE("roster export --format gradescope: Gradescope's own columns") {
  const auto cli = imported();
  const auto r = cli.ok({"roster", "export", "--course", "CS351-S26", "--format", "gradescope"});
  CHECK(test::lines_of(r.out).at(0) == "First Name,Last Name,Email,SID,Sections");
}

TEST_CASE("roster remove asks on a terminal and reads the answer from stdin") {
  const auto cli = imported();
  const std::vector<std::string> remove{"roster", "remove", "alan.turing@example.edu", "--course",
                                        "CS351-S26"};
  const auto piped = cli.run(remove);
  CHECK(piped.code == 2);
  CHECK(piped.err.find("pass --yes") != std::string::npos);

  const auto no = cli.run(remove, test::interactive(), "n\n");
  CHECK(no.code == 1);
  CHECK(no.err.find("[y/N]") != std::string::npos);
  CHECK(no.err.find("cs351: cancelled; nothing changed") != std::string::npos);

  cli.ok(remove, test::interactive(), "y\n");
  const auto left = cli.ok({"roster", "list", "--course", "CS351-S26", "--format", "json"});
  CHECK(left.json().size() == 7);
}
