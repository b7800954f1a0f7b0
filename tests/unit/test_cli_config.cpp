// config show/set/unset in process.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("config set, show and unset: the value and where it comes from") {
  test::CliHarness cli;
  cli.ok({"config", "set", "gradescope.email", "ta@example.edu"});
  const auto shown = cli.ok({"config", "show", "--format", "json"});
  bool found = false;
  for (const auto& row : shown.json()) {
    if (row.at("key") != "gradescope.email") continue;
    found = true;
    CHECK(row.at("value") == "ta@example.edu");
    CHECK(row.at("origin") == "file");
  }
  CHECK(found);
  cli.ok({"config", "unset", "gradescope.email"});
  CHECK(cli.ok({"config", "show"}).out.find("gradescope.email,,unset") != std::string::npos);
}

TEST_CASE("an unknown key in config.toml is a warning on stderr, coloured only when asked") {
  test::CliHarness cli;
  cli.write_config("[gradescope]\nemial = \"x\"\n");
  const auto plain = cli.ok({"config", "show"}, test::interactive());
  CHECK(plain.err.find("cs351: warning: ") != std::string::npos);
  CHECK(plain.err.find("unknown setting 'gradescope.emial'") != std::string::npos);
  const auto coloured = cli.ok({"config", "show", "--color", "always"});
  CHECK(coloured.err.find("\033[33mwarning\033[0m") != std::string::npos);
  auto colour_terminal = test::interactive();
  colour_terminal.color_auto = true;
  CHECK(cli.ok({"config", "show"}, colour_terminal).err.find("\033[33m") != std::string::npos);
  CHECK(cli.ok({"config", "show", "-q"}, colour_terminal).err.empty());
}

TEST_CASE("an assignment's misspelt field is warned about with the field meant; env keys are set") {
  test::CliHarness cli;
  cli.write_config("[autograde.assignments.hw1]\ncommand = \"sh grade.sh\"\ntimout = \"5m\"\n");
  const auto shown = cli.ok({"config", "show"});
  CHECK(shown.err.find("unknown setting 'autograde.assignments.hw1.timout'; did you mean "
                       "autograde.assignments.hw1.timeout") != std::string::npos);
  const auto typo = cli.run({"config", "set", "autograde.assignments.hw1.titel", "HW 1"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean autograde.assignments.hw1.title") != std::string::npos);
  cli.ok({"config", "set", "autograde.assignments.hw1.env.LANG", "C"});
  CHECK(cli.ok({"config", "show"}).out.find("autograde.assignments.hw1.env.LANG,C,file") !=
        std::string::npos);
}
