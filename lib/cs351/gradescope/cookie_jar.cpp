#include "cs351/gradescope/cookie_jar.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cs351/core/private_files.h"
#include "cs351/core/text.h"

namespace cs351::gradescope {
namespace {

bool expires_now(std::string_view attributes) {
  const auto lower = to_lower_ascii(attributes);
  return lower.find("max-age=0") != std::string::npos ||
         lower.find("max-age=-") != std::string::npos || lower.find("1970") != std::string::npos;
}

}  // namespace

void CookieJar::absorb(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name != "set-cookie") continue;
    const auto semi = value.find(';');
    const std::string_view pair = trim(std::string_view(value).substr(0, semi));
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    const std::string key(trim(pair.substr(0, eq)));
    const std::string val(trim(pair.substr(eq + 1)));
    const bool gone = val.empty() || (semi != std::string::npos &&
                                      expires_now(std::string_view(value).substr(semi)));
    if (gone) {
      m_cookies.erase(key);
    } else {
      m_cookies[key] = val;
    }
  }
}

std::string CookieJar::header() const {
  std::string out;
  for (const auto& [k, v] : m_cookies) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

void CookieJar::set_from_header(const std::string& cookie_header) {
  std::map<std::string, std::string> parsed;
  std::string_view text = trim(cookie_header);
  if (to_lower_ascii(text.substr(0, 7)) == "cookie:") text = trim(text.substr(7));
  for (const auto& part : split(text, ';')) {
    const auto pair = trim(part);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == pair.size()) continue;
    parsed[std::string(trim(pair.substr(0, eq)))] = std::string(trim(pair.substr(eq + 1)));
  }
  if (parsed.empty())
    throw usage_error("no name=value cookie found (expected e.g. _gradescope_session=...)");
  m_cookies = std::move(parsed);
}

std::filesystem::path session_file(const std::filesystem::path& data_dir) {
  return data_dir / "gradescope-session.json";
}

std::optional<SavedSession> load_session(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  const auto doc = parse_json(read_input(file.string()));
  if (!doc.is_object() || !doc.contains("cookies") || !doc["cookies"].is_object()) {
    throw config_error(fmt::format(
        "{} is not a cs351 session file; remove it with: cs351 gradescope logout", file.string()));
  }
  SavedSession s;
  s.base_url = doc.value("base_url", "");
  s.email = doc.value("email", "");
  for (const auto& [k, v] : doc["cookies"].items()) {
    if (v.is_string()) s.cookies.set(k, v.get<std::string>());
  }
  return s;
}

void save_session(const std::filesystem::path& file, const SavedSession& session) {
  nlohmann::json doc{
      {"base_url", session.base_url}, {"email", session.email}, {"cookies", session.cookies.all()}};
  std::filesystem::create_directories(file.parent_path());
  write_file_atomically(file, doc.dump(2) + "\n");
}

bool remove_session(const std::filesystem::path& file) {
  std::error_code ec;
  return std::filesystem::remove(file, ec);
}

}  // namespace cs351::gradescope
