#include <doctest/doctest.h>

#include <fstream>

#include "cs351/core/config.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace cs351;

namespace {
const std::vector<SettingSpec> k_specs{
    {"store.path", "/default.db", "store"},
    {"mail.rate", "1", "rate"},
    {"mail.secret", std::nullopt, "secret", true},
    {"autograde.assignments.*", std::nullopt, "per assignment", false, {"command", "timeout"}},
};

Config load(const std::filesystem::path& file, std::map<std::string, std::string> env,
            std::map<std::string, std::string> flags = {}) {
  Config::Sources src;
  src.file = file;
  src.env = [env](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  src.flags = std::move(flags);
  return Config::load(k_specs, src);
}
}  // namespace

TEST_SUITE_BEGIN("core/config");

TEST_CASE("flags beat env beat file beat defaults, and each value knows its origin") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml")
      << "[store]\npath = \"/file.db\"\n[mail]\nrate = 5\n"
         "[autograde.assignments.hw1]\ncommand = \"./grade\"\ntimeout = \"5m\"\n";
  auto c = load(dir / "c.toml", {{"CS351_STORE_PATH", "/env.db"}});
  CHECK(c.get("store.path") == "/env.db");
  CHECK(c.find("store.path")->origin == Origin::env);
  CHECK(c.get_int("mail.rate") == 5);
  CHECK(c.find("mail.rate")->origin == Origin::file);
  CHECK(c.tables_under("autograde.assignments") == std::vector<std::string>{"hw1"});
  CHECK(c.get_duration("autograde.assignments.hw1.timeout") == std::chrono::minutes(5));
  c = load(dir / "c.toml", {{"CS351_STORE_PATH", "/env.db"}}, {{"store.path", "/flag.db"}});
  CHECK(c.get("store.path") == "/flag.db");
  CHECK(c.find("store.path")->origin == Origin::flag);
  CHECK(load("", {}).find("store.path")->origin == Origin::default_value);
}

TEST_CASE("malformed TOML is a config error with file:line:column") {
  test::ScratchDir dir;
  std::ofstream(dir / "bad.toml") << "[store]\npath = \n";
  try {
    load(dir / "bad.toml", {});
    FAIL("loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()).find("bad.toml:2:") != std::string::npos);
  }
}

// Found by fuzzing: toml++ and the flattener recurse once per dotted part.
TEST_CASE("a key thousands of tables deep is a config error, not a stack overflow") {
  test::ScratchDir dir;
  std::string key = "a";
  for (int i = 0; i < 5000; ++i) key += ".a";
  std::ofstream(dir / "deep.toml") << "[store]\npath = \"x.y.z\" # a.b.c\n" << key << " = 1\n";
  try {
    load(dir / "deep.toml", {});
    FAIL("loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()).find("deep.toml:3: a key nests more than 32 tables deep") !=
          std::string::npos);
  }
  std::ofstream(dir / "ok.toml") << "[autograde.assignments.\"hw.1.2.3\"]\ncommand = \"a.b\"\n";
  CHECK(load(dir / "ok.toml", {}).get("autograde.assignments.hw.1.2.3.command") == "a.b");
}

TEST_CASE("bad values and missing required keys are config errors naming the key") {
  auto c = load("", {{"CS351_MAIL_RATE", "fast"}});
  CHECK_THROWS_AS(c.get_int("mail.rate"), Error);
  try {
    c.require("mail.secret");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("CS351_MAIL_SECRET") != std::string::npos);
  }
}

TEST_CASE("unknown keys are kept and flagged") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml") << "[mail]\nrat = 3\n";
  auto c = load(dir / "c.toml", {});
  CHECK(c.unknown_keys() == std::vector<std::string>{"mail.rat"});
}

TEST_SUITE_END();

TEST_CASE("a family table's fields read their env twins and unset ones are listed") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml") << "[autograde.assignments.hw1]\ncommand = \"./grade\"\n";
  auto c = load(dir / "c.toml", {{"CS351_AUTOGRADE_ASSIGNMENTS_HW1_TIMEOUT", "5m"},
                                 {"CS351_AUTOGRADE_ASSIGNMENTS_HW1_COMMAND", "./other"}});
  CHECK(c.get("autograde.assignments.hw1.timeout") == "5m");
  CHECK(c.find("autograde.assignments.hw1.timeout")->origin == Origin::env);
  CHECK(c.get("autograde.assignments.hw1.command") == "./other");
  CHECK(c.unset_keys() == std::vector<std::string>{"mail.secret"});
  auto bare = load(dir / "c.toml", {});
  CHECK(bare.unset_keys() ==
        std::vector<std::string>{"autograde.assignments.hw1.timeout", "mail.secret"});
}
