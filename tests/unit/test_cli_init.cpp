// init in process: creates the store once, keeps it after.
#include <doctest/doctest.h>

#include <filesystem>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("init creates the store, then keeps it and says so") {
  test::CliHarness cli;
  const auto first = cli.ok({"init"});
  CHECK(first.out.find("(created)") != std::string::npos);
  CHECK(std::filesystem::exists(cli.dir() / "cs351.db"));
  const auto second = cli.ok({"init"});
  CHECK(test::lines_of(second.out).at(0).ends_with("(kept)"));
}

TEST_CASE("a command other than init on a missing store: exit 66 naming the path") {
  test::CliHarness cli;
  const auto r = cli.run({"course", "list"});
  CHECK(r.code == 66);
  CHECK(r.err.find((cli.dir() / "cs351.db").string()) != std::string::npos);
  CHECK(r.err.find("'cs351 init' creates one") != std::string::npos);
  CHECK(r.out.empty());
}
