#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cs351/core/setting.h"
#include "cs351/registry.h"

using namespace cs351;

namespace {
constexpr std::string_view k_colours[] = {"red", "blue"};
constexpr FieldSpec k_fields[] = {{"timeout", duration_value()}, {"title", text_value()}};
constexpr SettingSpec k_specs[] = {
    {.key = "ui.colour", .rule = choice_value(k_colours), .default_value = "red", .help = "c"},
    {.key = "ui.width", .rule = whole_value(10, 200), .help = "w"},
    {.key = "jobs.*", .help = "per job", .fields = k_fields},
};

// The keys docs/config.md's "Every setting" table lists (its first column).
std::set<std::string> documented_keys() {
  std::ifstream in(std::string(CS351_SOURCE_DIR) + "/docs/config.md");
  std::string line;
  bool inside = false;
  std::set<std::string> keys;
  const std::regex row(R"(^\| `([a-z_.A-Z*]+)` \|.*)");
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) inside = line == "## Every setting";
    std::smatch m;
    if (inside && std::regex_match(line, m, row)) keys.insert(m[1]);
  }
  return keys;
}
}  // namespace

TEST_SUITE_BEGIN("core/setting");

TEST_CASE("values are checked against the declared type, range and choices") {
  CHECK(accepts(whole_value(1, 20), "20"));
  CHECK_FALSE(accepts(whole_value(1, 20), "21"));
  CHECK_FALSE(accepts(whole_value(1, 20), "5x"));
  CHECK(accepts(number_value(0), "0.5"));
  CHECK_FALSE(accepts(number_value(0), "-0.5"));
  CHECK_FALSE(accepts(number_value(0), "nan"));
  CHECK(accepts(bool_value(), "Off"));
  CHECK_FALSE(accepts(bool_value(), "nope"));
  CHECK(accepts(duration_value(std::chrono::seconds(1)), "2m"));
  CHECK_FALSE(accepts(duration_value(std::chrono::seconds(1)), "500ms"));
  CHECK_FALSE(accepts(size_value(1), "12T"));
  CHECK(accepts(choice_value(k_colours), "blue"));
  CHECK_FALSE(accepts(choice_value(k_colours), "Blue"));
  CHECK(expected_value(whole_value(1, 20)) == "a whole number from 1 to 20");
  CHECK(expected_value(whole_value(0)) == "a whole number of at least 0");
  CHECK(expected_value(duration_value(std::chrono::seconds(1))) ==
        "a duration such as 90s, 15m or 7d of at least 1s");
  CHECK(expected_value(choice_value(k_colours)) == "one of red, blue");
}

TEST_CASE("typed keys are checked against the declarations when compiled") {
  constexpr auto width = key_of<std::int64_t>(k_specs, "ui.width");
  static_assert(width.spec == &k_specs[1]);
  constexpr auto timeout =
      field_of<std::chrono::milliseconds>(family_of(k_specs, "jobs.*"), "timeout");
  static_assert(timeout.field == &k_fields[0]);
  // key_of<bool>(k_specs, "ui.width") and key_of<std::string>(k_specs, "ui.widht") do not
  // compile: consteval evaluation reaches a throw.
}

TEST_CASE("declared keys spell a family's fields under the table typed, and have rules") {
  CHECK(
      declared_keys(k_specs, "jobs.build.tmeout") ==
      std::vector<std::string>{"ui.colour", "ui.width", "jobs.build.timeout", "jobs.build.title"});
  CHECK(declared_keys(k_specs, "")[2] == "jobs.NAME.timeout");
  CHECK(rule_of(k_specs, "ui.width") == &k_specs[1].rule);
  CHECK(rule_of(k_specs, "jobs.a.b.title") == &k_fields[1].rule);  // the table "a.b"
  CHECK(rule_of(k_specs, "jobs.title") == nullptr);                // no table at all
  CHECK(rule_of(k_specs, "jobs.a.colour") == nullptr);
  CHECK(rule_of(k_specs, "ui.height") == nullptr);
  CHECK(default_of(k_specs[0]) == "red");
  CHECK_FALSE(default_of(k_specs[1]));
}

TEST_CASE("every declared setting has help, a default its rule accepts, and secrets none") {
  std::set<std::string_view> seen;
  for (const auto& spec : all_settings()) {
    CAPTURE(spec.key);
    CHECK(seen.insert(spec.key).second);
    CHECK(spec.key.find('.') != std::string_view::npos);
    CHECK(spec.help.size() > 10);
    if (const auto fallback = default_of(spec)) CHECK(accepts(spec.rule, *fallback));
    // A secret has no default, so no listing (config keys, the default config) shows one.
    if (spec.secret) CHECK_FALSE(default_of(spec));
    if (spec.rule.type == SettingType::choice) CHECK_FALSE(spec.rule.choices.empty());
  }
}

TEST_CASE("docs/config.md documents every declared setting and no other") {
  std::set<std::string> declared;
  for (const auto& key : declared_keys(all_settings(), "")) declared.insert(key);
  CHECK(documented_keys() == declared);
}

TEST_SUITE_END();
