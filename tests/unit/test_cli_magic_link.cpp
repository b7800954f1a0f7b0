// magic-link send --dry-run, list and verify (token on stdin), in process: no mail leaves.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

namespace {

test::CliHarness with_roster() {
  test::CliHarness cli;
  cli.write_config(
      "[magic_link]\nbase_url = \"https://cs351.example.edu/login\"\n"
      "[ses]\nfrom = \"cs351@example.edu\"\nregion = \"us-east-1\"\n");
  cli.init();
  cli.import_roster();
  return cli;
}

}  // namespace

TEST_CASE("magic-link send --dry-run: who would get a link, and the summary on stderr") {
  const auto cli = with_roster();
  const auto r =
      cli.ok({"magic-link", "send", "--course", "CS351-S26", "--dry-run", "--format", "json"});
  int would_send = 0;
  for (const auto& row : r.json()) {
    if (row.at("status") == "would send") {
      ++would_send;
      CHECK(row.at("link").get<std::string>().ends_with("[redacted]"));
    }
  }
  CHECK(would_send == 6);
  CHECK(r.err.find("dry run, nothing written: would have sent 6, skipped 2") != std::string::npos);
  CHECK(cli.ok({"magic-link", "list", "--course", "CS351-S26", "--format", "json"}).json().empty());
}

TEST_CASE("magic-link verify - reads the token from stdin") {
  const auto cli = with_roster();
  const auto r = cli.run({"magic-link", "verify", "-"}, {}, "not-a-token\n");
  CHECK(r.code == 65);
  CHECK(r.err.find("malformed token") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("magic-link list: the table's header on a terminal") {
  const auto cli = with_roster();
  const auto r = cli.ok({"magic-link", "list", "--course", "CS351-S26"}, test::interactive());
  CHECK(r.out.rfind("token_id ", 0) == 0);
}
