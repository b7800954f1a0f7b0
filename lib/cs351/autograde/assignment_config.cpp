#include "cs351/autograde/assignment_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_prefix = "autograde.assignments";

std::string key_of(const std::string& name, const char* field) {
  return fmt::format("{}.{}.{}", k_prefix, name, field);
}

std::optional<std::uint64_t> size_of(const Config& config, const std::string& name,
                                     const char* field) {
  const auto text = config.get(key_of(name, field));
  if (!text || text->empty()) return std::nullopt;
  const auto bytes = parse_size(*text);
  if (!bytes || *bytes == 0) {
    throw config_error(fmt::format("setting '{}' must be a size such as 768M or 2G, got '{}'",
                                   key_of(name, field), *text));
  }
  return bytes;
}

Limits read_limits(const Config& config, const std::string& name) {
  Limits limits;
  limits.memory_bytes = size_of(config, name, "memory");
  limits.file_size = size_of(config, name, "file_size").value_or(limits.file_size);
  limits.disk = size_of(config, name, "disk").value_or(limits.disk);
  if (auto n = config.get_int(key_of(name, "processes"))) {
    if (*n < 1)
      throw config_error(fmt::format("setting '{}' must be at least 1", key_of(name, "processes")));
    limits.processes = static_cast<std::uint64_t>(*n);
  }
  return limits;
}

EnvList read_env(const Config& config, const std::string& name) {
  EnvList env;
  const std::string head = key_of(name, "env") + ".";
  for (const auto& setting : config.all()) {
    if (!setting.key.starts_with(head)) continue;
    const std::string var = setting.key.substr(head.size());
    if (var.empty() || var.find_first_of(".=") != std::string::npos || var.starts_with("CS351_")) {
      throw config_error(
          fmt::format("setting '{}' is not a usable variable name (CS351_* are the worker's own)",
                      setting.key));
    }
    env.emplace_back(var, setting.value);
  }
  return env;
}

bool is_system_path(const fs::path& path) {
  const std::string text = path.lexically_normal().string();
  for (const char* dir : {"/usr/", "/bin/", "/sbin/", "/lib", "/etc/"}) {
    if (text.starts_with(dir)) return true;
  }
  return false;
}

// The directory of the first absolute path in the command naming a file outside the system dirs.
std::optional<fs::path> grader_dir_of(const std::string& command) {
  std::error_code ec;
  for (const auto& word : split(command, ' ')) {
    const fs::path path(word);
    if (path.is_absolute() && !is_system_path(path) && fs::is_regular_file(path, ec))
      return path.parent_path();
  }
  return std::nullopt;
}

// A read-only mount must exist, be absolute, and never expose the store or the config.
fs::path checked_mount(const Config& config, const std::string& key, const std::string& text) {
  const fs::path path = fs::path(text).lexically_normal();
  std::error_code ec;
  if (!path.is_absolute() || !fs::exists(path, ec))
    throw config_error(
        fmt::format("setting '{}': '{}' is not an existing absolute path", key, text));
  for (const auto& secret : {fs::path(config.get_or("store.path", "")), config.file()}) {
    if (secret.empty()) continue;
    const auto rel =
        fs::weakly_canonical(secret, ec).lexically_relative(fs::weakly_canonical(path, ec));
    if (!rel.empty() && *rel.begin() != "..")
      throw config_error(
          fmt::format("setting '{}': '{}' would show the grader {}", key, text, secret.string()));
  }
  return path;
}

std::vector<fs::path> read_mounts(const Config& config, const std::string& name,
                                  const std::string& command) {
  std::vector<fs::path> out;
  const std::string dir_key = key_of(name, "grader_dir");
  if (auto dir = config.get(dir_key); dir && !dir->empty()) {
    out.push_back(checked_mount(config, dir_key, *dir));
  } else if (auto guessed = grader_dir_of(command)) {
    out.push_back(checked_mount(config, dir_key, guessed->string()));
  }
  const std::string mounts_key = key_of(name, "mounts");
  for (const auto& entry : split(config.get_or(mounts_key, ""), ',')) {
    if (!trim(entry).empty())
      out.push_back(checked_mount(config, mounts_key, std::string(trim(entry))));
  }
  return out;
}

AssignmentConfig read_assignment(const Config& config, const std::string& name) {
  AssignmentConfig a;
  a.name = name;
  a.command = config.require(key_of(name, "command"));
  if (auto t = config.get_duration(key_of(name, "timeout"))) a.timeout = *t;
  if (a.timeout.count() <= 0)
    throw config_error(fmt::format("setting '{}' must be positive", key_of(name, "timeout")));
  a.limits = read_limits(config, name);
  if (auto n = config.get_bool(key_of(name, "network"))) a.network = *n;
  a.env = read_env(config, name);
  a.read_only = read_mounts(config, name, a.command);
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
