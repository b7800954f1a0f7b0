#pragma once
// The cookies of one Gradescope session: taken from Set-Cookie, sent back as
// one Cookie header. Saved next to the store in a file only its owner can read.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "cs351/core/http_client.h"

namespace cs351::gradescope {

class CookieJar {
 public:
  // Applies every Set-Cookie of `response` (an expired or empty cookie is removed).
  void absorb(const HttpResponse& response);
  // "a=1; b=2", or empty.
  std::string header() const;
  // Replaces the jar with a browser's Cookie header ("_gradescope_session=...; x=y").
  // Throws a usage Error when no name=value pair is in it.
  void set_from_header(const std::string& cookie_header);
  bool empty() const { return m_cookies.empty(); }
  const std::map<std::string, std::string>& all() const { return m_cookies; }
  void set(const std::string& name, const std::string& value) { m_cookies[name] = value; }

 private:
  std::map<std::string, std::string> m_cookies;
};

struct SavedSession {
  std::string base_url;
  std::string email;
  CookieJar cookies;
};

// <data_dir>/gradescope-session.json
std::filesystem::path session_file(const std::filesystem::path& data_dir);

// nullopt when there is no file; a config Error (78) for an unreadable one.
std::optional<SavedSession> load_session(const std::filesystem::path& file);
// Written atomically with mode 0600 (created so, never widened).
void save_session(const std::filesystem::path& file, const SavedSession& session);
// Returns false when there was nothing to remove.
bool remove_session(const std::filesystem::path& file);

}  // namespace cs351::gradescope
