#include <doctest/doctest.h>

#include <fstream>

#include "cs351/autograde/assignment_config.h"
#include "cs351/core/error.h"
#include "cs351/registry.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

Config config_from(const test::ScratchDir& dir, const std::string& toml) {
  std::ofstream(dir / "config.toml") << toml;
  Config::Sources sources;
  sources.file = dir / "config.toml";
  sources.env = [](const std::string&) { return std::nullopt; };
  return Config::load(all_settings(), sources);
}

}  // namespace

TEST_SUITE_BEGIN("autograde/assignment_config");

TEST_CASE("reads an assignment with defaults") {
  test::ScratchDir dir;
  const auto config = config_from(dir, R"(
[autograde.assignments.hw1]
command = "./grade.sh"
[autograde.assignments.hw2]
command = "make grade"
timeout = "20m"
memory = "768M"
network = true
dedupe_window = "30s"
title = "Homework 2"
gradescope_id = "555"
)");
  CHECK(assignment_names(config) == std::vector<std::string>{"hw1", "hw2"});
  const auto hw1 = require_assignment(config, "hw1");
  CHECK(hw1.timeout == 10min);
  CHECK_FALSE(hw1.network);  // safe by default: an assignment opts in
  CHECK(hw1.dedupe_window == 2min);
  CHECK(hw1.title == "hw1");
  CHECK_FALSE(hw1.limits.memory_bytes);
  CHECK(hw1.limits.processes == 256);
  CHECK(hw1.env.empty());
  CHECK(hw1.read_only.empty());
  const auto hw2 = require_assignment(config, "hw2");
  CHECK(hw2.timeout == 20min);
  CHECK(hw2.limits.memory_bytes == 768ULL << 20);
  CHECK(hw2.network);
  CHECK(find_assignment_for_gradescope(config, "555", "whatever")->name == "hw2");
  CHECK(find_assignment_for_gradescope(config, "", "Homework 2")->name == "hw2");
  CHECK(find_assignment_for_gradescope(config, "1", "hw1")->name == "hw1");
  CHECK_FALSE(find_assignment_for_gradescope(config, "1", "Nope"));
}

TEST_CASE("unknown assignments and malformed values say which key") {
  test::ScratchDir dir;
  const auto config = config_from(dir, R"(
[autograde.assignments.bad]
command = "x"
memory = "lots"
[autograde.assignments.nocmd]
timeout = "5m"
)");
  CHECK_THROWS_WITH_AS(require_assignment(config, "hw9"),
                       doctest::Contains("configured: bad, nocmd"), Error);
  CHECK_THROWS_WITH_AS(require_assignment(config, "bad"),
                       doctest::Contains("autograde.assignments.bad.memory"), Error);
  CHECK_THROWS_WITH_AS(require_assignment(config, "nocmd"),
                       doctest::Contains("autograde.assignments.nocmd.command"), Error);
}

TEST_CASE("sandbox keys: limits, env, grader_dir and mounts") {
  test::ScratchDir dir;
  std::filesystem::create_directories(dir / "graders" / "hw3");
  std::ofstream(dir / "graders" / "hw3" / "grade.py") << "print(1)\n";
  const auto grader = (dir / "graders" / "hw3" / "grade.py").string();
  const auto config = config_from(
      dir, "[store]\npath = \"" + (dir / "data" / "cs351.db").string() +
               "\"\n[autograde.assignments.hw3]\ncommand = \"python3 " + grader +
               "\"\nprocesses = 32\nfile_size = \"16M\"\ndisk = \"64M\"\n"
               "env = {JAVA_OPTS = \"-Xmx256m\", MODE = \"strict\"}\nmounts = [\"/usr/share\"]\n"
               "[autograde.assignments.store]\ncommand = \"x\"\nmounts = [\"" +
               dir.path().string() +
               "\"]\n[autograde.assignments.relative]\ncommand = \"x\"\n"
               "mounts = [\"opt/jdk\"]\n[autograde.assignments.secret]\ncommand = \"x\"\n"
               "env = {CS351_RUN_ID = \"7\"}\n");
  const auto hw3 = require_assignment(config, "hw3");
  CHECK(hw3.limits.processes == 32);
  CHECK(hw3.limits.file_size == 16ULL << 20);
  CHECK(hw3.limits.disk == 64ULL << 20);
  CHECK(hw3.env == EnvList{{"JAVA_OPTS", "-Xmx256m"}, {"MODE", "strict"}});
  REQUIRE(hw3.read_only.size() == 2);
  CHECK(hw3.read_only[0] == dir / "graders" / "hw3");  // the command's own directory
  CHECK(hw3.read_only[1] == "/usr/share");
  CHECK_THROWS_WITH_AS(require_assignment(config, "store"), doctest::Contains("would show"), Error);
  CHECK_THROWS_WITH_AS(require_assignment(config, "relative"),
                       doctest::Contains("not an existing absolute path"), Error);
  CHECK_THROWS_WITH_AS(require_assignment(config, "secret"), doctest::Contains("env.CS351_RUN_ID"),
                       Error);
}

TEST_SUITE_END();
