#pragma once
// A setting's declaration, written once by the module that reads it: its key, the values
// it takes, its default, one line of help, and whether it is a secret. Declarations are
// constexpr data; code reads a setting through a Key made from its declaration at compile
// time (key_of below), so reading a key nobody declared, or as the wrong type, does not
// compile. `config show`, `config keys`, `config set` and the default config file all list
// the same declarations (lib/cs351/registry.cpp gathers every module's).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cs351 {

enum class SettingType { text, path, integer, number, boolean, duration, size, choice };
const char* type_name(SettingType type);

// The values a setting (or a family field) accepts. Bounds apply to integers and numbers,
// to durations in milliseconds and to sizes in bytes.
struct ValueRule {
  SettingType type = SettingType::text;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::span<const std::string_view> choices{};  // choice: the words allowed
};

// One key of a family's tables ("timeout" of each [autograde.assignments.NAME]).
struct FieldSpec {
  std::string_view name;
  ValueRule rule{};
};

// A key ending in ".*" declares a family of tables named by staff
// ("autograde.assignments.*"), whose `fields` are the keys each table may hold.
struct SettingSpec {
  std::string_view key;
  ValueRule rule{};
  std::optional<std::string_view> default_value{};  // nullopt: unset unless configured
  std::string_view help{};
  bool secret = false;  // masked wherever settings are listed
  std::span<const FieldSpec> fields{};
  std::string (*computed_default)() = nullptr;  // a default known only at run time
};

// "a whole number from 1 to 20", "a duration such as 90s, 15m or 7d of at least 1s", ...
std::string expected_value(const ValueRule& rule);
// True when `value` is one `rule` accepts (parses as its type, within bounds, a listed choice).
bool accepts(const ValueRule& rule, std::string_view value);
// `value` as a T (the types Key<T> names); call it on values `accepts` let through.
template <typename T>
T setting_value(std::string_view value);

// The default of `spec` (its computed one when it has one); nullopt when it has none.
std::optional<std::string> default_of(const SettingSpec& spec);

// Every key `specs` declares, as people type them: a family's fields under the table that
// `typed` names ("autograde.assignments.hw1.timeout"), else under NAME.
std::vector<std::string> declared_keys(std::span<const SettingSpec> specs, std::string_view typed);
// What every key of a family's tables starts with: "autograde.assignments.*" ->
// "autograde.assignments.".
std::string_view family_head(const SettingSpec& family);
// The field of `family` that `key` is ("autograde.assignments.hw1.timeout": timeout; any key
// under a field that is a table itself, "hw1.env.PATH": env.*); nullptr when none.
const FieldSpec* family_field(const SettingSpec& family, std::string_view key);
// The rule of a key `specs` declares (a family's field in any table); nullptr when undeclared.
const ValueRule* rule_of(std::span<const SettingSpec> specs, std::string_view key);

namespace setting_detail {
template <typename T>
constexpr bool holds(SettingType type) {
  if constexpr (std::is_same_v<T, std::string>)
    return type == SettingType::text || type == SettingType::choice;
  if constexpr (std::is_same_v<T, std::filesystem::path>) return type == SettingType::path;
  if constexpr (std::is_same_v<T, std::int64_t>) return type == SettingType::integer;
  if constexpr (std::is_same_v<T, double>) return type == SettingType::number;
  if constexpr (std::is_same_v<T, bool>) return type == SettingType::boolean;
  if constexpr (std::is_same_v<T, std::chrono::milliseconds>) return type == SettingType::duration;
  if constexpr (std::is_same_v<T, std::uint64_t>) return type == SettingType::size;
  return false;
}
}  // namespace setting_detail

// A declared setting read as a T (std::string, std::filesystem::path, std::int64_t, double,
// bool, std::chrono::milliseconds, or std::uint64_t bytes for a size).
template <typename T>
struct Key {
  const SettingSpec* spec;
};

// A declared field of a family's tables, read as a T for one table.
template <typename T>
struct FieldKey {
  const SettingSpec* family;
  const FieldSpec* field;
};

// The Key of `key` in `declared`. Consteval: a key that is not declared there, or not of
// a type T holds, is a compile error (a throw in constant evaluation).
template <typename T, std::size_t N>
consteval Key<T> key_of(const SettingSpec (&declared)[N], std::string_view key) {
  for (const auto& spec : declared) {
    if (spec.key != key) continue;
    if (!setting_detail::holds<T>(spec.rule.type)) throw "setting read as the wrong type";
    return Key<T>{&spec};
  }
  throw "setting not declared";
}

// The family declared as `family` in `declared` ("autograde.assignments.*"); a compile error
// when there is none. Config::tables_under and field_of take it.
template <std::size_t N>
consteval const SettingSpec* family_of(const SettingSpec (&declared)[N], std::string_view family) {
  for (const auto& spec : declared) {
    if (spec.key == family && !spec.fields.empty()) return &spec;
  }
  throw "family not declared";
}

// The FieldKey of `field` in `family`; a compile error when the family has no such field.
template <typename T>
consteval FieldKey<T> field_of(const SettingSpec* family, std::string_view field) {
  for (const auto& f : family->fields) {
    if (f.name != field) continue;
    if (!setting_detail::holds<T>(f.rule.type)) throw "field read as the wrong type";
    return FieldKey<T>{family, &f};
  }
  throw "field not declared";
}

// Rules as declarations spell them.
constexpr ValueRule text_value() {
  return {};
}
constexpr ValueRule path_value() {
  return {SettingType::path};
}
constexpr ValueRule whole_value(double min, double max = std::numeric_limits<double>::infinity()) {
  return {SettingType::integer, min, max};
}
constexpr ValueRule number_value(double min, double max = std::numeric_limits<double>::infinity()) {
  return {SettingType::number, min, max};
}
constexpr ValueRule bool_value() {
  return {SettingType::boolean};
}
constexpr ValueRule duration_value(std::chrono::milliseconds min = std::chrono::milliseconds(0)) {
  return {SettingType::duration, static_cast<double>(min.count())};
}
constexpr ValueRule size_value(double min = 0) {
  return {SettingType::size, min};
}
constexpr ValueRule choice_value(std::span<const std::string_view> choices) {
  return {SettingType::choice, 0, 0, choices};
}

}  // namespace cs351
