#include "cs351/gradescope/connection.h"

#include <fmt/format.h>
#include <cstdlib>

#include "cs351/core/password_command.h"
#include "cs351/gradescope/cookie_jar.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/settings.h"

namespace cs351::gradescope {
namespace {

constexpr const char* k_user_agent = "cs351/0.1.0 (course-staff toolkit; gradescope sync)";

}  // namespace

std::optional<std::string> password_from_env_or_command(const Config& config) {
  if (const char* env = std::getenv("GRADESCOPE_PASSWORD"); env != nullptr && *env != '\0')
    return std::string(env);
  if (auto command = config.get(keys::password_command); command && !command->empty()) {
    return run_password_command(*command, "gradescope.password_command");
  }
  return std::nullopt;
}

Connection::Connection(const Config& config, const std::filesystem::path& data_dir,
                       std::unique_ptr<HttpClient> http)
    : m_http(http ? std::move(http) : make_curl_client(k_user_agent)),
      m_file(session_file(data_dir)) {
  const auto options = session_options(config);
  m_session = std::make_unique<Session>(*m_http, options);
  m_configured_email = config.get(keys::email).value_or("");
  if (auto saved = load_session(m_file); saved && saved->base_url == options.base_url) {
    m_session->cookies() = saved->cookies;
    m_saved_email = saved->email;
    m_loaded = true;
  }
}

std::string Connection::email() const {
  return m_configured_email.empty() ? m_saved_email : m_configured_email;
}

AccountRead Connection::login(const std::string& email, const std::string& password) {
  m_session->login(email, password);
  m_saved_email = email;
  save();
  return read_account();
}

AccountRead Connection::login_with_cookie(const std::string& email,
                                          const std::string& cookie_header) {
  m_session->cookies().set_from_header(cookie_header);
  m_saved_email = email;
  return read_account();
}

AccountRead Connection::read_account() {
  // Session::get throws (77) when the cookies are not a session; past it they are one.
  const auto body = m_session->get("/account").body;
  save();
  try {
    return {parse_account(body), {}};
  } catch (const PageStructureError& e) {
    return {std::nullopt, fmt::format("expected {} on {}", e.expected(), e.page())};
  }
}

void Connection::enable_relogin(const Config& config) {
  const std::string who = email();
  if (who.empty()) return;
  m_session->enable_relogin(who, [&config] { return password_from_env_or_command(config); });
}

void Connection::save() {
  if (m_session->cookies().empty()) return;
  save_session(m_file,
               {m_session->base_url(), m_saved_email.empty() ? m_configured_email : m_saved_email,
                m_session->cookies()});
}

AccountPage Connection::account() {
  auto account = parse_account(m_session->get("/account").body);
  save();
  return account;
}

}  // namespace cs351::gradescope
