// autograde enqueue/status/list/log/regrade --dry-run on a scratch store, in process.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cli_harness.h"

using namespace cs351;

namespace {

test::CliHarness with_queued_run() {
  test::CliHarness cli;
  cli.write_config("[autograde.assignments.hw1]\ncommand = \"true\"\n");
  cli.init();
  cli.import_roster();
  std::filesystem::create_directories(cli.dir() / "ada");
  std::ofstream(cli.dir() / "ada" / "main.py") << "print(1)\n";
  cli.ok({"autograde", "enqueue", "--course", "CS351-S26", "--assignment", "hw1", "--student",
          "ada.lovelace@example.edu", "--submission", (cli.dir() / "ada").string()});
  return cli;
}

}  // namespace

TEST_CASE("autograde enqueue prints the run as JSON; status counts it") {
  const auto cli = with_queued_run();
  const auto counts = cli.ok({"autograde", "status"}).json();
  CHECK(counts.at("queued") == 1);
  CHECK(counts.at("succeeded") == 0);
  const auto run = cli.ok({"autograde", "status", "1"}, test::interactive());
  CHECK(run.out.find("status: queued\n") != std::string::npos);
  CHECK(run.out.find("students: ada.lovelace@example.edu\n") != std::string::npos);
}

TEST_CASE("autograde list and log: CSV rows piped, the timeline as text") {
  const auto cli = with_queued_run();
  const auto list = test::lines_of(cli.ok({"autograde", "list"}).out);
  REQUIRE(list.size() == 2);
  CHECK(list[1].rfind("1,hw1,ada.lovelace@example.edu,queued,", 0) == 0);
  const auto log = cli.ok({"autograde", "log", "1"}).out;
  CHECK(log.find("enqueued: hw1 for ada.lovelace@example.edu") != std::string::npos);
  CHECK(log.ends_with("--- grader output (stdout and stderr) ---\n"));
  CHECK(cli.ok({"autograde", "log", "1", "--format", "json"}).json().at("status") == "queued");
  CHECK(cli.run({"autograde", "log", "99"}).code != 0);
}

TEST_CASE("autograde regrade --dry-run: what it would queue, nothing queued") {
  const auto cli = with_queued_run();
  const auto r =
      cli.ok({"autograde", "regrade", "--course", "CS351-S26", "--assignment", "hw1", "--dry-run"});
  CHECK(test::lines_of(r.out) ==
        std::vector<std::string>{"already_pending,assignment,not_graded_yet,would_regrade",
                                 "0,hw1,1,0"});
  CHECK(r.err.find("would regrade 0 run(s)") != std::string::npos);
  CHECK(cli.ok({"autograde", "status"}).json().at("queued") == 1);
}
