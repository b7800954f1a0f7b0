#include <doctest/doctest.h>

#include <fstream>

#include "cs351/core/config.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace cs351;

namespace {
constexpr FieldSpec k_fields[] = {{"command", text_value()},
                                  {"timeout", duration_value(std::chrono::milliseconds(1))},
                                  {"env.*", text_value()}};
constexpr SettingSpec k_specs[] = {
    {.key = "store.path", .rule = path_value(), .default_value = "/default.db", .help = "store"},
    {.key = "mail.rate", .rule = whole_value(1, 20), .default_value = "1", .help = "rate"},
    {.key = "mail.secret", .help = "secret", .secret = true},
    {.key = "mail.on", .rule = bool_value(), .help = "on"},
    {.key = "mail.share", .rule = number_value(0, 1), .help = "share"},
    {.key = "mail.size", .rule = size_value(1), .help = "size"},
    {.key = "autograde.assignments.*", .help = "per assignment", .fields = k_fields},
};
constexpr auto k_path = key_of<std::filesystem::path>(k_specs, "store.path");
constexpr auto k_rate = key_of<std::int64_t>(k_specs, "mail.rate");
constexpr auto k_secret = key_of<std::string>(k_specs, "mail.secret");
constexpr auto k_on = key_of<bool>(k_specs, "mail.on");
constexpr auto k_share = key_of<double>(k_specs, "mail.share");
constexpr auto k_size = key_of<std::uint64_t>(k_specs, "mail.size");
constexpr auto k_assignments = family_of(k_specs, "autograde.assignments.*");
constexpr auto k_command = field_of<std::string>(k_assignments, "command");
constexpr auto k_timeout = field_of<std::chrono::milliseconds>(k_assignments, "timeout");

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
  CHECK(c.get(k_path) == "/env.db");
  CHECK(c.find(k_path)->origin == Origin::env);
  CHECK(c.get(k_rate) == 5);
  CHECK(c.find(k_rate)->origin == Origin::file);
  CHECK(c.tables_under(k_assignments) == std::vector<std::string>{"hw1"});
  CHECK(c.get(k_timeout, "hw1") == std::chrono::minutes(5));
  CHECK(c.value(k_command, "hw1") == "./grade");
  c = load(dir / "c.toml", {{"CS351_STORE_PATH", "/env.db"}}, {{"store.path", "/flag.db"}});
  CHECK(c.get(k_path) == "/flag.db");
  CHECK(c.find(k_path)->origin == Origin::flag);
  const auto defaults = load("", {});
  CHECK(defaults.value(k_path) == "/default.db");
  CHECK(defaults.find(k_path)->origin == Origin::default_value);
  CHECK(defaults.value(k_rate) == 1);
  CHECK_FALSE(defaults.get(k_on));
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
  CHECK(load(dir / "ok.toml", {}).get(k_command, "hw.1.2.3") == "a.b");
}

// The message a typed read of `read` throws, with its exit code checked.
template <typename Read>
std::string config_error_of(Read read) {
  try {
    read();
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    return e.what();
  }
  FAIL("no error");
  return "";
}

TEST_CASE("a value of the wrong type or out of range is a config error naming key and origin") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml") << "[mail]\non = \"maybe\"\n[autograde.assignments.hw1]\n"
                                   "timeout = \"0s\"\n";
  auto c =
      load(dir / "c.toml",
           {{"CS351_MAIL_RATE", "fast"}, {"CS351_MAIL_SHARE", "1.5"}, {"CS351_MAIL_SIZE", "0"}});
  CHECK(config_error_of([&] { c.get(k_rate); }) ==
        "setting 'mail.rate' (env) must be a whole number from 1 to 20, got 'fast'");
  CHECK(config_error_of([&] { c.get(k_on); }) ==
        "setting 'mail.on' (file) must be true or false, got 'maybe'");
  CHECK(config_error_of([&] { c.get(k_share); }) ==
        "setting 'mail.share' (env) must be a number from 0 to 1, got '1.5'");
  CHECK(config_error_of([&] { c.get(k_size); }) ==
        "setting 'mail.size' (env) must be a size such as 768M or 2G of at least 1, got '0'");
  CHECK(config_error_of([&] { c.get(k_timeout, "hw1"); }) ==
        "setting 'autograde.assignments.hw1.timeout' (file) must be a duration such as 90s, 15m "
        "or 7d of at least 1ms, got '0s'");
  c = load("", {{"CS351_MAIL_RATE", "21"}});
  CHECK(config_error_of([&] { c.value(k_rate); }).find("got '21'") != std::string::npos);
  c = load("", {{"CS351_MAIL_RATE", "20"}, {"CS351_MAIL_ON", "yes"}, {"CS351_MAIL_SIZE", "2M"}});
  CHECK(c.value(k_rate) == 20);
  CHECK(c.value(k_on));
  CHECK(c.value(k_size) == 2u << 20);
}

TEST_CASE("a required setting that is unset names the key and its env twin") {
  const auto c = load("", {});
  CHECK(config_error_of([&] { c.value(k_secret); }) ==
        "setting 'mail.secret' is not set (set it in the config file or env CS351_MAIL_SECRET)");
  CHECK(config_error_of([&] {
          c.value(k_command, "hw9");
        }).find("CS351_AUTOGRADE_ASSIGNMENTS_HW9_COMMAND") != std::string::npos);
}

TEST_CASE("unknown keys are kept and flagged") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml") << "[mail]\nrat = 3\n";
  auto c = load(dir / "c.toml", {});
  CHECK(c.unknown_keys() == std::vector<std::string>{"mail.rat"});
}

TEST_CASE("a family table's keys are known only when declared; a table field holds any key") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml")
      << "[autograde.assignments.hw1]\ncommand = \"./grade\"\ntimout = \"5m\"\n"
         "[autograde.assignments.hw1.env]\nLANG = \"C\"\n"
         "[autograde.assignments.\"hw.2\"]\ntimeout = \"5m\"\n";
  auto c = load(dir / "c.toml", {});
  CHECK(c.unknown_keys() == std::vector<std::string>{"autograde.assignments.hw1.timout"});
  CHECK(c.get(k_timeout, "hw.2") == std::chrono::minutes(5));
}

TEST_SUITE_END();

TEST_CASE("a family table's fields read their env twins and unset ones are listed") {
  test::ScratchDir dir;
  std::ofstream(dir / "c.toml") << "[autograde.assignments.hw1]\ncommand = \"./grade\"\n";
  auto c = load(dir / "c.toml", {{"CS351_AUTOGRADE_ASSIGNMENTS_HW1_TIMEOUT", "5m"},
                                 {"CS351_AUTOGRADE_ASSIGNMENTS_HW1_COMMAND", "./other"}});
  CHECK(c.get(k_timeout, "hw1") == std::chrono::minutes(5));
  CHECK(c.value(k_command, "hw1") == "./other");
  const std::vector<std::string> plain_unset{"mail.on", "mail.secret", "mail.share", "mail.size"};
  CHECK(c.unset_keys() == plain_unset);
  auto bare = load(dir / "c.toml", {});
  auto bare_unset = plain_unset;
  bare_unset.insert(bare_unset.begin(), "autograde.assignments.hw1.timeout");
  CHECK(bare.unset_keys() == bare_unset);
}
