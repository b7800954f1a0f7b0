#include "cs351/core/config_edit.h"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <fstream>
#include <regex>
#include <sstream>

#include "cs351/core/error.h"
#include "cs351/core/private_files.h"
#include "cs351/core/text.h"
#include "cs351/core/write_error.h"

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

// The lines of `text` with the key set: `name = ...` under `[section]` replaced
// or inserted after the header (after a commented `# name =` line when there is one).
std::vector<std::string> edited(const std::string& text, const std::string& section,
                                const std::string& name, const std::string& line) {
  std::vector<std::string> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  const std::regex header(R"(\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?)");
  const std::regex assignment("\\s*" + name + "\\s*=.*");
  const std::regex commented("\\s*#\\s*" + name + "\\s*=.*");
  std::optional<std::size_t> insert_at;
  bool inside = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, header)) {
      inside = m[1] == section;
      if (inside) insert_at = i + 1;
      continue;
    }
    if (!inside) continue;
    if (std::regex_match(lines[i], assignment)) {
      lines[i] = line;
      return lines;
    }
    if (std::regex_match(lines[i], commented)) insert_at = i + 1;
  }
  if (insert_at) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*insert_at), line);
  } else {
    lines.push_back("");
    lines.push_back("[" + section + "]");
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

void set_config_string(const std::filesystem::path& file, const std::string& key,
                       const std::string& value) {
  const auto dot = key.rfind('.');
  const std::string section = key.substr(0, dot), name = key.substr(dot + 1);
  const bool existed = std::filesystem::exists(file);
  std::string text;
  for (const auto& l : edited(existed ? read_text(file) : "", section, name,
                              fmt::format("{} = {}", name, quoted(value))))
    text += l + "\n";
  try {
    const auto table = toml::parse(text, file.string());
    if (table.at_path(key).value<std::string>() != value) {
      throw config_error(fmt::format(
          "{}: '{}' is set in a way this command cannot edit; set {} = {} there by hand",
          file.string(), key, key, quoted(value)));
    }
  } catch (const toml::parse_error& e) {
    throw config_error(fmt::format("{}: cannot set '{}': the file does not parse ({})",
                                   file.string(), key, e.description()));
  }
  if (!existed) create_private_directories(file.parent_path());
  const auto tmp = file.string() + ".tmp";
  std::filesystem::remove(tmp);
  create_private_file(tmp);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw cannot_write(tmp);
  }
  if (existed) std::filesystem::permissions(tmp, std::filesystem::status(file).permissions());
  std::filesystem::rename(tmp, file);
}

}  // namespace cs351
