#include "cs351/core/setting.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "cs351/core/byte_size.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"

namespace cs351 {
namespace {

std::optional<std::int64_t> as_integer(std::string_view text) {
  try {
    const std::string s(text);
    std::size_t used = 0;
    const auto v = std::stoll(s, &used);
    if (used == s.size()) return v;
  } catch (const std::logic_error&) {
  }
  return std::nullopt;
}

std::optional<double> as_number(std::string_view text) {
  try {
    const std::string s(text);
    std::size_t used = 0;
    const auto v = std::stod(s, &used);
    if (used == s.size() && std::isfinite(v)) return v;
  } catch (const std::logic_error&) {
  }
  return std::nullopt;
}

std::optional<bool> as_bool(std::string_view text) {
  std::string v(text);
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> as_duration(std::string_view text) {
  try {
    return parse_duration(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// The value as a number to hold against the rule's bounds; nullopt when it does not parse.
std::optional<double> measure(SettingType type, std::string_view value) {
  switch (type) {
    case SettingType::integer:
      if (const auto v = as_integer(value)) return static_cast<double>(*v);
      return std::nullopt;
    case SettingType::number:
      return as_number(value);
    case SettingType::duration:
      if (const auto v = as_duration(value)) return static_cast<double>(v->count());
      return std::nullopt;
    case SettingType::size:
      if (const auto v = parse_size(value)) return static_cast<double>(*v);
      return std::nullopt;
    default:
      return 0.0;
  }
}

std::string bound_text(SettingType type, double v) {
  if (type == SettingType::duration)
    return format_duration(std::chrono::milliseconds(static_cast<std::int64_t>(v)));
  if (type == SettingType::size) return format_size(static_cast<std::uint64_t>(v));
  return fmt::format("{}", v);
}

std::string bounds_text(const ValueRule& r) {
  const bool low = std::isfinite(r.min) &&
                   !(r.min == 0 && r.type != SettingType::integer && r.type != SettingType::number);
  const bool high = std::isfinite(r.max);
  if (low && high)
    return fmt::format(" from {} to {}", bound_text(r.type, r.min), bound_text(r.type, r.max));
  if (low) return fmt::format(" of at least {}", bound_text(r.type, r.min));
  if (high) return fmt::format(" of at most {}", bound_text(r.type, r.max));
  return "";
}

}  // namespace

const char* type_name(SettingType type) {
  switch (type) {
    case SettingType::text:
      return "text";
    case SettingType::path:
      return "path";
    case SettingType::integer:
      return "integer";
    case SettingType::number:
      return "number";
    case SettingType::boolean:
      return "bool";
    case SettingType::duration:
      return "duration";
    case SettingType::size:
      return "size";
    case SettingType::choice:
      return "choice";
  }
  return "?";
}

std::string expected_value(const ValueRule& rule) {
  switch (rule.type) {
    case SettingType::integer:
      return "a whole number" + bounds_text(rule);
    case SettingType::number:
      return "a number" + bounds_text(rule);
    case SettingType::boolean:
      return "true or false";
    case SettingType::duration:
      return "a duration such as 90s, 15m or 7d" + bounds_text(rule);
    case SettingType::size:
      return "a size such as 768M or 2G" + bounds_text(rule);
    case SettingType::choice:
      return fmt::format("one of {}", fmt::join(rule.choices, ", "));
    case SettingType::path:
      return "a path";
    default:
      return "text";
  }
}

bool accepts(const ValueRule& rule, std::string_view value) {
  if (rule.type == SettingType::boolean) return as_bool(value).has_value();
  if (rule.type == SettingType::choice)
    return std::find(rule.choices.begin(), rule.choices.end(), value) != rule.choices.end();
  const auto v = measure(rule.type, value);
  return v && *v >= rule.min && *v <= rule.max;
}

std::optional<std::string> default_of(const SettingSpec& spec) {
  if (spec.computed_default) return spec.computed_default();
  if (spec.default_value) return std::string(*spec.default_value);
  return std::nullopt;
}

std::vector<std::string> declared_keys(std::span<const SettingSpec> specs, std::string_view typed) {
  std::vector<std::string> keys;
  for (const auto& spec : specs) {
    if (spec.fields.empty()) {
      keys.emplace_back(spec.key);
      continue;
    }
    const auto head = family_head(spec);
    std::string_view table = "NAME";
    if (typed.starts_with(head) && typed.rfind('.') > head.size())
      table = typed.substr(head.size(), typed.rfind('.') - head.size());
    for (const auto& field : spec.fields)
      keys.push_back(fmt::format("{}{}.{}", head, table, field.name));
  }
  return keys;
}

std::string_view family_head(const SettingSpec& family) {
  return family.key.substr(0, family.key.size() - 1);
}

const FieldSpec* family_field(const SettingSpec& family, std::string_view key) {
  const auto head = family_head(family);
  if (family.fields.empty() || !key.starts_with(head)) return nullptr;
  // A table's name may hold dots ([autograde.assignments."hw.1"]), so the field is found from
  // the end: ".timeout" last, or ".env." anywhere after the name.
  const std::string_view rest = key.substr(head.size());
  for (const auto& f : family.fields) {
    const bool table = f.name.ends_with(".*");
    const std::string inner = "." + std::string(f.name.substr(0, f.name.size() - (table ? 1 : 0)));
    const auto at = table ? rest.find(inner) : rest.rfind(inner);
    if (at == 0 || at == std::string_view::npos) continue;
    if (table ? rest.size() > at + inner.size() : rest.size() == at + inner.size()) return &f;
  }
  return nullptr;
}

const ValueRule* rule_of(std::span<const SettingSpec> specs, std::string_view key) {
  for (const auto& spec : specs) {
    if (spec.key == key) return &spec.rule;
    if (const FieldSpec* field = family_field(spec, key)) return &field->rule;
  }
  return nullptr;
}

template <>
std::string setting_value<std::string>(std::string_view value) {
  return std::string(value);
}
template <>
std::filesystem::path setting_value<std::filesystem::path>(std::string_view value) {
  return std::filesystem::path(value);
}
template <>
std::int64_t setting_value<std::int64_t>(std::string_view value) {
  return as_integer(value).value();
}
template <>
double setting_value<double>(std::string_view value) {
  return as_number(value).value();
}
template <>
bool setting_value<bool>(std::string_view value) {
  return as_bool(value).value();
}
template <>
std::chrono::milliseconds setting_value<std::chrono::milliseconds>(std::string_view value) {
  return parse_duration(value);
}
template <>
std::uint64_t setting_value<std::uint64_t>(std::string_view value) {
  return parse_size(value).value();
}

}  // namespace cs351
