#pragma once
// Everything a command needs to talk to Gradescope as the logged-in user: the
// HTTP client, the session with the saved cookies, where those are kept, and
// the password sources for a re-login (env, password_command).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cs351/core/config.h"
#include "cs351/core/http_client.h"
#include "cs351/gradescope/pages/account_page.h"
#include "cs351/gradescope/session.h"

namespace cs351::gradescope {

// GRADESCOPE_PASSWORD, else the output of gradescope.password_command (a config
// Error when the command fails), else nullopt. Never logged.
std::optional<std::string> password_from_env_or_command(const Config& config);

// GET /account as a login sees it: the session stands once Gradescope accepted it, so a
// course list that no longer parses leaves `account` empty and says what it lacked.
struct AccountRead {
  std::optional<AccountPage> account;
  std::string unreadable;  // "expected div.courseList or a.courseBox on /account"
};

class Connection {
 public:
  // Loads the session saved in `data_dir` when it was made for the configured base URL.
  Connection(const Config& config, const std::filesystem::path& data_dir,
             std::unique_ptr<HttpClient> http = {});

  Session& session() { return *m_session; }
  // The account email: gradescope.email, else the one saved at login.
  std::string email() const;
  bool has_saved_session() const { return m_loaded; }

  // Logs in with a password, saves the cookies (0600), then reads /account.
  AccountRead login(const std::string& email, const std::string& password);
  // Uses a browser's Cookie header (SSO accounts): GET /account must not send us to the login
  // page; then the cookies are saved and the course list read as for `login`.
  AccountRead login_with_cookie(const std::string& email, const std::string& cookie_header);
  // GET /account through the saved session, parsed; the (possibly refreshed) cookies are saved.
  AccountPage account();
  // Allows one automatic re-login from env or password_command when the session expires.
  void enable_relogin(const Config& config);
  // Writes the current cookies back (a re-login or refreshed cookie is kept for the next run).
  void save();
  const std::filesystem::path& file() const { return m_file; }

 private:
  AccountRead read_account();

  std::unique_ptr<HttpClient> m_http;
  std::unique_ptr<Session> m_session;
  std::filesystem::path m_file;
  std::string m_configured_email, m_saved_email;
  bool m_loaded = false;
};

}  // namespace cs351::gradescope
