#include "cs351/autograde/assignment_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "cs351/autograde/settings.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/store/settings.h"

namespace cs351::autograde {
namespace fs = std::filesystem;
namespace {

// "autograde.assignments", the family's key without its ".*".
constexpr std::string_view k_prefix =
    keys::assignments->key.substr(0, keys::assignments->key.size() - 2);

// How messages name a field of one assignment ("autograde.assignments.hw1.grader_dir").
std::string key_of(const std::string& name, std::string_view field) {
  return fmt::format("{}.{}.{}", k_prefix, name, field);
}

template <typename T>
std::string key_of(const std::string& name, FieldKey<T> field) {
  return key_of(name, field.field->name);
}

Limits read_limits(const Config& config, const std::string& name) {
  Limits limits;
  limits.memory_bytes = config.get(keys::memory, name);
  limits.file_size = config.get(keys::file_size, name).value_or(limits.file_size);
  limits.disk = config.get(keys::disk, name).value_or(limits.disk);
  if (auto n = config.get(keys::processes, name)) limits.processes = static_cast<std::uint64_t>(*n);
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
  for (const auto& secret : {config.get(store::keys::path).value_or(""), config.file()}) {
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
  const std::string dir_key = key_of(name, keys::grader_dir);
  if (auto dir = config.get(keys::grader_dir, name); dir && !dir->empty()) {
    out.push_back(checked_mount(config, dir_key, dir->string()));
  } else if (auto guessed = grader_dir_of(command)) {
    out.push_back(checked_mount(config, dir_key, guessed->string()));
  }
  const std::string mounts_key = key_of(name, keys::mounts);
  for (const auto& entry : split(config.get(keys::mounts, name).value_or(""), ',')) {
    if (!trim(entry).empty())
      out.push_back(checked_mount(config, mounts_key, std::string(trim(entry))));
  }
  return out;
}

AssignmentConfig read_assignment(const Config& config, const std::string& name) {
  AssignmentConfig a;
  a.name = name;
  a.command = config.value(keys::command, name);
  a.timeout = config.get(keys::timeout, name).value_or(a.timeout);
  a.limits = read_limits(config, name);
  a.network = config.get(keys::network, name).value_or(a.network);
  a.env = read_env(config, name);
  a.read_only = read_mounts(config, name, a.command);
  a.dedupe_window = config.get(keys::dedupe_window, name).value_or(a.dedupe_window);
  a.title = config.get(keys::title, name).value_or(name);
  a.gradescope_id = config.get(keys::gradescope_id, name).value_or("");
  return a;
}

}  // namespace

std::vector<std::string> assignment_names(const Config& config) {
  return config.tables_under(keys::assignments);
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
    const std::string id = config.get(keys::gradescope_id, name).value_or("");
    if (!gradescope_id.empty() && id == gradescope_id) return read_assignment(config, name);
    if (!by_title && config.get(keys::title, name).value_or(name) == title)
      by_title = read_assignment(config, name);
  }
  return by_title;
}

}  // namespace cs351::autograde
