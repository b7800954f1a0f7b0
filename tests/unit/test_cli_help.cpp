// help, completion and the error printing of the app itself, in process.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("help: the command list on stdout; exit-codes; a command's help") {
  test::CliHarness cli;
  const auto list = cli.ok({"help"});
  CHECK(list.out.find("roster") != std::string::npos);
  CHECK(list.out.find("__complete") == std::string::npos);
  CHECK(cli.ok({"help", "exit-codes"}).out.find("77") != std::string::npos);
  CHECK(cli.ok({"help", "roster", "import"}).out.find("--dry-run") != std::string::npos);
  CHECK(cli.ok({"--help"}).out.find("Global options") != std::string::npos);
}

TEST_CASE("a usage error: exit 2, did-you-mean on stderr, nothing on stdout") {
  test::CliHarness cli;
  const auto r = cli.run({"rostr"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("did you mean 'roster'?") != std::string::npos);
  const auto bare = cli.run({"roster"});
  CHECK(bare.code == 2);
  CHECK(bare.err.find("import") != std::string::npos);  // the verbs, listed on stderr
}

TEST_CASE("completion: scripts for each shell, candidates for a partial line") {
  test::CliHarness cli;
  CHECK(cli.ok({"completion", "bash"}).out.find("__complete") != std::string::npos);
  CHECK(cli.ok({"completion", "fish"}).out.find("complete -c cs351") != std::string::npos);
  cli.init();
  const auto words = cli.ok({"__complete", "--", "ros"});
  CHECK(words.out.rfind("roster\t", 0) == 0);
  const auto courses = cli.ok({"__complete", "--", "roster", "list", "--course", ""});
  CHECK(courses.out.find("CS351-S26") != std::string::npos);
}
