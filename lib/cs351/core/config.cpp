#include "cs351/core/config.h"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>

#include "cs351/core/duration.h"
#include "cs351/core/error.h"

namespace cs351 {
namespace {

bool is_family(const SettingSpec& s) {
  return s.key.size() > 2 && s.key.ends_with(".*");
}

const SettingSpec* find_spec(std::span<const SettingSpec> specs, const std::string& key) {
  for (const auto& s : specs) {
    if (s.key == key) return &s;
    if (is_family(s) && family_field(s, key) != nullptr) return &s;
  }
  return nullptr;
}

std::string scalar_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = node.value_exact<std::int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) return fmt::format("{}", *d);
  std::ostringstream out;
  if (auto* arr = node.as_array()) {
    std::string joined;
    for (const auto& item : *arr) {
      if (!joined.empty()) joined += ",";
      joined += scalar_text(item);
    }
    return joined;
  }
  node.visit([&](const auto& n) { out << n; });
  return out.str();
}

void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, key, out);
    } else {
      out[key] = scalar_text(node);
    }
  }
}

// A key is one table deeper per dot ("a.b.c = 1"), and toml++ and flatten() recurse per table:
// a key of thousands of dots would overflow the stack, so keys deeper than this are refused.
constexpr int k_max_key_depth = 32;

// The key part of each line (a [table] header, or what comes before '=') must not hold more
// than k_max_key_depth dots outside quotes; a config Error naming file:line otherwise.
void check_key_depth(std::string_view text, const std::filesystem::path& path) {
  int line = 1, dots = 0;
  bool in_key = true;
  char quote = 0;
  for (const char c : text) {
    if (c == '\n') {
      ++line, dots = 0, in_key = true, quote = 0;
    } else if (!in_key) {
      continue;
    } else if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '=' || c == '#' || c == ']') {
      in_key = false;
    } else if (c == '.' && ++dots > k_max_key_depth) {
      throw config_error(fmt::format("{}:{}: a key nests more than {} tables deep", path.string(),
                                     line, k_max_key_depth));
    }
  }
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!in && !in.eof()) throw config_error(fmt::format("{}: cannot read", path.string()));
  return text;
}

std::map<std::string, std::string> read_file(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return out;
  if (std::filesystem::is_directory(path, ec))
    throw config_error(fmt::format("config {} is a directory, not a TOML file", path.string()));
  try {
    const std::string text = read_text(path);
    check_key_depth(text, path);
    flatten(toml::parse(text, path.string()), "", out);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw config_error(
        fmt::format("{}:{}:{}: {}", path.string(), where.line, where.column, e.description()));
  }
  return out;
}

// Names of the tables under a family's prefix ("autograde.assignments." -> {"hw1"}).
std::set<std::string> family_tables(const std::string& head,
                                    const std::map<std::string, Setting>& values) {
  std::set<std::string> names;
  for (const auto& [key, _] : values) {
    if (!key.starts_with(head)) continue;
    const auto dot = key.find('.', head.size());
    if (dot != std::string::npos) names.insert(key.substr(head.size(), dot - head.size()));
  }
  return names;
}

// Every key an env twin may set: each plain setting, each family key the file holds,
// and each field of every family table the file names.
std::set<std::string> env_twin_keys(std::span<const SettingSpec> specs,
                                    const std::map<std::string, Setting>& values) {
  std::set<std::string> keys;
  for (const auto& s : specs) {
    if (!is_family(s)) {
      keys.emplace(s.key);
      continue;
    }
    const std::string head(family_head(s));
    for (const auto& [key, _] : values) {
      if (key.starts_with(head)) keys.insert(key);
    }
    for (const auto& table : family_tables(head, values)) {
      for (const auto& field : s.fields) {
        if (!field.name.ends_with(".*"))  // a table's keys are the ones the file holds
          keys.insert(head + table + "." + std::string(field.name));
      }
    }
  }
  return keys;
}

}  // namespace

const char* origin_name(Origin o) {
  switch (o) {
    case Origin::default_value:
      return "default";
    case Origin::file:
      return "file";
    case Origin::env:
      return "env";
    case Origin::flag:
      return "flag";
  }
  return "?";
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::string env_name_for(const std::string& key) {
  std::string name = "CS351_";
  for (char c : key)
    name += (c == '.' || c == '-') ? '_'
                                   : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

Config Config::load(std::span<const SettingSpec> specs, const Sources& sources) {
  Config config;
  config.m_file = sources.file;
  auto put = [&](const std::string& key, std::string value, Origin origin) {
    const SettingSpec* spec = find_spec(specs, key);
    config.m_values[key] =
        Setting{key, std::move(value), origin, spec != nullptr, spec && spec->secret};
  };
  for (const auto& s : specs) {
    if (auto fallback = default_of(s)) put(std::string(s.key), *fallback, Origin::default_value);
  }
  for (auto& [key, value] : read_file(sources.file)) put(key, value, Origin::file);
  for (const auto& key : env_twin_keys(specs, config.m_values)) {
    if (auto v = sources.env(env_name_for(key))) put(key, *v, Origin::env);
  }
  for (const auto& [key, value] : sources.flags) put(key, value, Origin::flag);
  for (const auto& key : env_twin_keys(specs, config.m_values)) {
    if (!config.m_values.count(key)) config.m_unset.push_back(key);
  }
  return config;
}

const Setting* Config::find(std::string_view key) const {
  auto it = m_values.find(std::string(key));
  return it == m_values.end() ? nullptr : &it->second;
}

const Setting& Config::required(std::string_view key) const {
  const Setting* s = find(key);
  if (s == nullptr || s->value.empty()) {
    throw config_error(fmt::format("setting '{}' is not set (set it in {} or env {})", key,
                                   m_file.empty() ? "the config file" : m_file.string(),
                                   env_name_for(std::string(key))));
  }
  return *s;
}

std::string Config::field_key(const SettingSpec* family, std::string_view table,
                              const FieldSpec* field) {
  return fmt::format("{}{}.{}", family_head(*family), table, field->name);
}

void Config::check_value(const Setting& s, const ValueRule& rule) {
  if (accepts(rule, s.value)) return;
  throw config_error(fmt::format("setting '{}' ({}) must be {}, got '{}'", s.key,
                                 origin_name(s.origin), expected_value(rule), s.value));
}

std::vector<std::string> Config::tables_under(const SettingSpec* family) const {
  const auto names = family_tables(std::string(family_head(*family)), m_values);
  return {names.begin(), names.end()};
}

std::vector<Setting> Config::all() const {
  std::vector<Setting> out;
  for (const auto& [_, s] : m_values) out.push_back(s);
  return out;
}

std::vector<std::string> Config::unset_keys() const {
  return m_unset;
}

std::vector<std::string> Config::unknown_keys() const {
  std::vector<std::string> out;
  for (const auto& [key, s] : m_values) {
    if (!s.known) out.push_back(key);
  }
  return out;
}

namespace {
// Numbers and booleans as themselves, anything else as a quoted TOML string.
std::string toml_literal(const std::string& v) {
  if (v == "true" || v == "false") return v;
  if (!v.empty() && v.find_first_not_of("0123456789.-") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string default_config_text(std::span<const SettingSpec> specs) {
  std::string out =
      "# cs351 configuration (TOML).\n"
      "# Every key section.key also reads env CS351_SECTION_KEY; command-line flags beat env,\n"
      "# env beats this file, this file beats the defaults shown below.\n"
      "# The [table] headers are comments too, so a snippet appended with `cat >>` never\n"
      "# redefines a table: uncomment a header with its keys, or run cs351 config set KEY VALUE.\n"
      "# The one real table, [autograde] at the end, holds the bridge token `cs351 init` made:\n"
      "# set other autograde.* keys with cs351 config set.\n";
  std::string section;
  for (const auto& s : specs) {
    const auto dot = s.key.find('.');
    const std::string sec(s.key.substr(0, dot));
    const std::string name(s.key.substr(dot + 1));
    if (sec != section) {
      out += fmt::format("\n# [{}]\n", sec);
      section = sec;
    }
    out += fmt::format("# {}\n", s.help);
    if (is_family(s)) continue;
    const auto fallback = default_of(s);
    out += fallback ? fmt::format("# {} = {}\n", name, toml_literal(*fallback))
                    : fmt::format("# {} =\n", name);
  }
  return out;
}

}  // namespace cs351
