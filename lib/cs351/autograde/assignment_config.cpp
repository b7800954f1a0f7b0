#include "cs351/autograde/assignment_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

constexpr const char* k_prefix = "autograde.assignments";

std::string key_of(const std::string& name, const char* field) {
  return fmt::format("{}.{}.{}", k_prefix, name, field);
}

AssignmentConfig read_assignment(const Config& config, const std::string& name) {
  AssignmentConfig a;
  a.name = name;
  a.command = config.require(key_of(name, "command"));
  if (auto t = config.get_duration(key_of(name, "timeout"))) a.timeout = *t;
  if (a.timeout.count() <= 0)
    throw config_error(fmt::format("setting '{}' must be positive", key_of(name, "timeout")));
  if (auto m = config.get(key_of(name, "memory")); m && !m->empty()) {
    a.memory_bytes = parse_size(*m);
    if (!a.memory_bytes || *a.memory_bytes == 0) {
      throw config_error(fmt::format("setting '{}' must be a size such as 768M or 2G, got '{}'",
                                     key_of(name, "memory"), *m));
    }
  }
  if (auto n = config.get_bool(key_of(name, "network"))) a.network = *n;
  if (auto w = config.get_duration(key_of(name, "dedupe_window"))) a.dedupe_window = *w;
  a.title = config.get_or(key_of(name, "title"), name);
  a.gradescope_id = config.get_or(key_of(name, "gradescope_id"), "");
  return a;
}

}  // namespace

std::vector<std::string> assignment_names(const Config& config) {
  return config.tables_under(k_prefix);
}

AssignmentConfig require_assignment(const Config& config, const std::string& name) {
  const auto names = assignment_names(config);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    throw usage_error(fmt::format(
        "assignment '{}' is not configured (configured: {}); add [{}.{}] to the config", name,
        names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", ")), k_prefix, name));
  }
  return read_assignment(config, name);
}

std::optional<AssignmentConfig> find_assignment_for_gradescope(const Config& config,
                                                               const std::string& gradescope_id,
                                                               const std::string& title) {
  std::optional<AssignmentConfig> by_title;
  for (const auto& name : assignment_names(config)) {
    const std::string id = config.get_or(key_of(name, "gradescope_id"), "");
    if (!gradescope_id.empty() && id == gradescope_id) return read_assignment(config, name);
    if (!by_title && config.get_or(key_of(name, "title"), name) == title)
      by_title = read_assignment(config, name);
  }
  return by_title;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t unit = 1;
  switch (text.back()) {
    case 'K':
      unit = 1ULL << 10;
      break;
    case 'M':
      unit = 1ULL << 20;
      break;
    case 'G':
      unit = 1ULL << 30;
      break;
    default:
      break;
  }
  if (unit != 1) text.remove_suffix(1);
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > std::numeric_limits<std::uint64_t>::max() / unit) return std::nullopt;
  return value * unit;
}

std::string format_size(std::uint64_t bytes) {
  for (auto [unit, suffix] : {std::pair{1ULL << 30, 'G'}, {1ULL << 20, 'M'}, {1ULL << 10, 'K'}}) {
    if (bytes != 0 && bytes % unit == 0) return fmt::format("{}{}", bytes / unit, suffix);
  }
  return std::to_string(bytes);
}

std::uint64_t size_setting(const Config& config, const std::string& key) {
  const std::string text = config.require(key);
  auto bytes = parse_size(text);
  if (!bytes)
    throw config_error(
        fmt::format("setting '{}' must be a size such as 100M, got '{}'", key, text));
  return *bytes;
}

}  // namespace cs351::autograde
