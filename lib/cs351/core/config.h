#pragma once
// Layered settings: defaults < config file (TOML) < environment < flags.
// Every value remembers where it came from, so `config show` can say.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cs351/core/setting.h"

namespace cs351 {

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
  static Config load(std::span<const SettingSpec> specs, const Sources& sources);

  // A declared setting's value (nullopt when unset). A value its declaration does not accept
  // is a config Error (exit 78) naming the key, where the value came from, what it must be.
  template <typename T>
  std::optional<T> get(Key<T> key) const {
    return typed<T>(find(key.spec->key), key.spec->rule);
  }
  // The same, where unset (or empty) is a config Error naming the key and its env twin.
  template <typename T>
  T value(Key<T> key) const {
    return typed<T>(&required(key.spec->key), key.spec->rule).value();
  }
  // A family field's value in one table ("timeout" of [autograde.assignments.hw1]).
  template <typename T>
  std::optional<T> get(FieldKey<T> key, std::string_view table) const {
    return typed<T>(find(field_key(key.family, table, key.field)), key.field->rule);
  }
  template <typename T>
  T value(FieldKey<T> key, std::string_view table) const {
    return typed<T>(&required(field_key(key.family, table, key.field)), key.field->rule).value();
  }
  template <typename T>
  const Setting* find(Key<T> key) const {
    return find(key.spec->key);
  }

  // Names of the tables the family has ("autograde.assignments.*" -> {"hw1", "hw2"}).
  std::vector<std::string> tables_under(const SettingSpec* family) const;
  // Every setting with a value, sorted by key; unknown keys from the file included.
  std::vector<Setting> all() const;
  // Known keys without a value: plain settings with no default, and the fields of
  // every family table the file names (each can be set from its env twin too).
  std::vector<std::string> unset_keys() const;
  std::vector<std::string> unknown_keys() const;
  const std::filesystem::path& file() const { return m_file; }

 private:
  const Setting* find(std::string_view key) const;
  const Setting& required(std::string_view key) const;
  static std::string field_key(const SettingSpec* family, std::string_view table,
                               const FieldSpec* field);
  template <typename T>
  static std::optional<T> typed(const Setting* setting, const ValueRule& rule) {
    if (setting == nullptr) return std::nullopt;
    check_value(*setting, rule);
    return setting_value<T>(setting->value);
  }
  // A config Error when `rule` does not accept the setting's value.
  static void check_value(const Setting& setting, const ValueRule& rule);

  std::map<std::string, Setting> m_values;
  std::vector<std::string> m_unset;
  std::filesystem::path m_file;
};

// A commented config file listing every known setting with its help and default.
std::string default_config_text(std::span<const SettingSpec> specs);

}  // namespace cs351
