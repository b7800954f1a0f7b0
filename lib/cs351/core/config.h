#pragma once
// Layered settings: defaults < config file (TOML) < environment < flags.
// Every value remembers where it came from, so `config show` can say.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cs351 {

// A setting the program knows. A key ending in ".*" declares a family of
// keys under a table named by staff (e.g. "autograde.assignments.*"), whose
// `fields` are the keys each such table may hold.
struct SettingSpec {
  std::string key;
  std::optional<std::string> default_value;  // nullopt: unset unless configured
  std::string help;
  bool secret = false;                // shown masked by `config show`
  std::vector<std::string> fields{};  // a family's keys per table ("timeout", ...)
};

enum class Origin { default_value, file, env, flag };
const char* origin_name(Origin o);

struct Setting {
  std::string key;
  std::string value;
  Origin origin;
  bool known;
  bool secret;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_env();

// "store.path" -> "CS351_STORE_PATH".
std::string env_name_for(const std::string& key);

class Config {
 public:
  struct Sources {
    std::filesystem::path file;  // may not exist
    EnvLookup env = process_env();
    std::map<std::string, std::string> flags;  // key -> value given on the command line
  };

  // Throws a config Error (exit 78) for unreadable or malformed TOML, naming file:line:column.
  static Config load(const std::vector<SettingSpec>& specs, const Sources& sources);

  std::optional<std::string> get(const std::string& key) const;
  std::string get_or(const std::string& key, const std::string& fallback) const;
  // Throws a config Error naming the key and its env twin when unset or empty.
  std::string require(const std::string& key) const;
  std::optional<std::int64_t> get_int(const std::string& key) const;
  std::optional<double> get_double(const std::string& key) const;
  std::optional<bool> get_bool(const std::string& key) const;
  std::optional<std::chrono::milliseconds> get_duration(const std::string& key) const;

  // Names of the tables directly under `prefix` ("autograde.assignments" -> {"hw1", "hw2"}).
  std::vector<std::string> tables_under(const std::string& prefix) const;
  // Every setting with a value, sorted by key; unknown keys from the file included.
  std::vector<Setting> all() const;
  // Known keys without a value: plain settings with no default, and the fields of
  // every family table the file names (each can be set from its env twin too).
  std::vector<std::string> unset_keys() const;
  std::vector<std::string> unknown_keys() const;
  const std::filesystem::path& file() const { return m_file; }
  const Setting* find(const std::string& key) const;

 private:
  std::map<std::string, Setting> m_values;
  std::vector<std::string> m_unset;
  std::filesystem::path m_file;
};

// A commented config file listing every known setting with its help and default.
std::string default_config_text(const std::vector<SettingSpec>& specs);

}  // namespace cs351
