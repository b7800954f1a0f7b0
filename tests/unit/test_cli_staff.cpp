// staff invite in process: its checks come before any mail is sent.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("staff invite: a role outside ta|instructor|reader is a usage error") {
  test::CliHarness cli;
  cli.init();
  const auto r =
      cli.run({"staff", "invite", "grace@example.edu", "--course", "CS351-S26", "--role", "boss"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("Run 'cs351 staff invite --help' for usage.") != std::string::npos);
}

TEST_CASE("staff invite without mail credentials or settings: a config error, nothing printed") {
  test::CliHarness cli;
  cli.init();
  const auto r =
      cli.run({"staff", "invite", "grace@example.edu", "--course", "CS351-S26", "--role", "ta"});
  CHECK(r.code == 78);  // AWS credentials or magic_link.base_url: whichever is checked first
  CHECK(r.out.empty());
  CHECK(r.err.rfind("cs351: error: ", 0) == 0);
}
