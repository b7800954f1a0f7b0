// gradescope login's password prompt and the offline listings, in process. The "server" is a
// closed loopback port: login gets as far as connecting, which shows where the password came from.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

namespace {

test::CliHarness offline() {
  test::CliHarness cli;
  cli.write_config("[gradescope]\nbase_url = \"http://127.0.0.1:1\"\nmax_attempts = 1\n");
  cli.init();
  return cli;
}

const std::vector<std::string> k_login{"gradescope", "login", "--email", "ta@example.edu"};

}  // namespace

TEST_CASE("gradescope login prompts on a terminal and reads the password typed there") {
  const auto cli = offline();
  const auto r = cli.run(k_login, test::interactive(), "hunter2\n");
  CHECK(r.err.rfind("Gradescope password: ", 0) == 0);
  CHECK(r.code == 69);  // it went on to connect: the typed password was taken
  CHECK(r.err.find("hunter2") == std::string::npos);
}

TEST_CASE("gradescope login without a terminal or a password: a usage error naming the ways") {
  const auto cli = offline();
  const auto r = cli.run(k_login);
  CHECK(r.code == 2);
  CHECK(r.err.find("Gradescope password:") == std::string::npos);
  CHECK(r.err.find("--password-stdin") != std::string::npos);
  auto empty = k_login;
  empty.push_back("--password-stdin");
  const auto nothing = cli.run(empty, {}, "");
  CHECK(nothing.code == 2);
  CHECK(nothing.err.find("a password expected on stdin, got nothing") != std::string::npos);
  CHECK(cli.run(empty, {}, "pw\n").code == 69);
}

TEST_CASE("assignments and scores list from the store: headers only for a new course") {
  const auto cli = offline();
  CHECK(test::lines_of(cli.ok({"assignments", "list", "--course", "CS351-S26"}).out) ==
        std::vector<std::string>{
            "source,gradescope_id,title,total_points,release_at,due_at,late_due_at,published"});
  CHECK(cli.ok({"scores", "list", "--course", "CS351-S26", "--format", "json"}).json().empty());
  CHECK(cli.run({"scores", "list", "--course", "CS351-S26", "--format", "gradescope"}).code == 2);
}
