#include "cs351/core/config_edit.h"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "cs351/core/error.h"
#include "cs351/core/private_files.h"
#include "cs351/core/text.h"

namespace cs351 {
namespace {

std::string quoted(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// Where `name` stands under [section]: its line, if assigned, and where a new line
// would go (after the header, or after a commented `# name =` line when there is one).
struct KeyPlace {
  std::optional<std::size_t> line;
  std::optional<std::size_t> insert_at;
};

KeyPlace find_key(const std::vector<std::string>& lines, const std::string& section,
                  const std::string& name) {
  const std::regex header(R"(\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?)");
  const std::regex assignment("\\s*" + name + "\\s*=.*");
  const std::regex commented("\\s*#\\s*" + name + "\\s*=.*");
  KeyPlace place;
  bool inside = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, header)) {
      inside = m[1] == section;
      if (inside) place.insert_at = i + 1;
      continue;
    }
    if (!inside) continue;
    if (std::regex_match(lines[i], assignment)) {
      place.line = i;
      return place;
    }
    if (std::regex_match(lines[i], commented)) place.insert_at = i + 1;
  }
  return place;
}

std::pair<std::string, std::string> section_and_name(const std::string& key) {
  const auto dot = key.rfind('.');
  return {key.substr(0, dot), key.substr(dot + 1)};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// The edited text, parsed back: `key` must now read `expected` (nullopt: be gone).
void check_edit(const std::filesystem::path& file, const std::string& text, const std::string& key,
                const std::optional<std::string>& expected) {
  try {
    const auto table = toml::parse(text, file.string());
    const auto node = table.at_path(key);
    const bool as_expected = expected ? node.value<std::string>() == *expected : !node;
    if (!as_expected) {
      throw config_error(fmt::format(
          "{}: '{}' is set in a way this command cannot edit (a dotted key or an inline table); "
          "edit it by hand: cs351 config edit",
          file.string(), key));
    }
  } catch (const toml::parse_error& e) {
    throw config_error(fmt::format("{}: cannot change '{}': the file does not parse ({})",
                                   file.string(), key, e.description()));
  }
}

// Replaces `file` with `text` in one rename: owner-only when new, else its old rights.
void replace_file(const std::filesystem::path& file, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto old = fs::status(file, ec);
  if (!fs::exists(old)) {
    create_private_directories(file.parent_path());
    write_file_atomically(file, text);
  } else {
    write_file_atomically(file, text, old.permissions());
  }
}

}  // namespace

void set_config_string(const std::filesystem::path& file, const std::string& key,
                       const std::string& value) {
  const auto [section, name] = section_and_name(key);
  auto lines = lines_of(std::filesystem::exists(file) ? read_text(file) : "");
  const auto place = find_key(lines, section, name);
  const auto line = fmt::format("{} = {}", name, quoted(value));
  if (place.line) {
    lines[*place.line] = line;
  } else if (place.insert_at) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*place.insert_at), line);
  } else {
    lines.insert(lines.end(), {"", "[" + section + "]", line});
  }
  const auto text = joined(lines);
  check_edit(file, text, key, value);
  replace_file(file, text);
}

bool unset_config_key(const std::filesystem::path& file, const std::string& key) {
  if (!std::filesystem::exists(file)) return false;
  const auto [section, name] = section_and_name(key);
  auto lines = lines_of(read_text(file));
  const auto place = find_key(lines, section, name);
  if (place.line) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(*place.line));
  const auto text = joined(lines);
  check_edit(file, text, key, std::nullopt);
  if (place.line) replace_file(file, text);
  return place.line.has_value();
}

}  // namespace cs351
