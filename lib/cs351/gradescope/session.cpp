#include "cs351/gradescope/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "cs351/core/text.h"
#include "cs351/gradescope/pages/login_page.h"
#include "cs351/gradescope/settings.h"

namespace cs351::gradescope {
namespace {

using std::chrono::milliseconds;

constexpr const char* k_login_again = "log in again with: cs351 gradescope login";

bool is_retryable(long status) {
  return status == 429 || status >= 500;
}

bool is_not_authorized(const HttpResponse& r) {
  return r.status == 401 && to_lower_ascii(r.body).find("not authorized") != std::string::npos;
}

std::string location_path(const HttpResponse& r) {
  std::string loc = r.header("location").value_or("");
  // Absolute redirects carry the host; only the path says where we were sent.
  if (const auto scheme = loc.find("://"); scheme != std::string::npos) {
    const auto slash = loc.find('/', scheme + 3);
    loc = slash == std::string::npos ? "/" : loc.substr(slash);
  }
  return loc.substr(0, loc.find('?'));
}

std::optional<milliseconds> retry_after(const HttpResponse& r) {
  const auto v = r.header("retry-after");
  if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos || v->size() > 6)
    return std::nullopt;
  return milliseconds(std::stoll(*v) * 1000);
}

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return out;
}

[[noreturn]] void throw_throttled(const HttpResponse& r) {
  const auto wait = retry_after(r);
  throw temporary_error(
      wait ? fmt::format("Gradescope is throttling this account (too many attempts); retry in {} s",
                         wait->count() / 1000)
           : "Gradescope is throttling this account (too many attempts); retry later");
}

}  // namespace

SessionOptions session_options(const Config& config) {
  SessionOptions o;
  o.base_url = config.value(keys::base_url);
  while (!o.base_url.empty() && o.base_url.back() == '/') o.base_url.pop_back();
  if (!o.base_url.starts_with("https://") && !o.base_url.starts_with("http://")) {
    throw config_error(fmt::format(
        "gradescope.base_url '{}' must start with https:// (or http:// for a local test server)",
        o.base_url));
  }
  o.min_interval = milliseconds(config.value(keys::min_interval_ms));
  o.timeout = milliseconds(config.value(keys::timeout_s) * 1000);
  o.max_attempts = static_cast<int>(config.value(keys::max_attempts));
  return o;
}

Session::Session(HttpClient& http, SessionOptions options, const Clock& clock, Sleeper sleeper)
    : m_http(http), m_options(std::move(options)), m_clock(clock), m_sleep(std::move(sleeper)) {
  if (!m_sleep) m_sleep = real_sleeper();
}

void Session::enable_relogin(std::string email, PasswordSource password) {
  m_relogin_email = std::move(email);
  m_password = std::move(password);
}

void Session::pace() {
  if (m_last_request) {
    const auto next = *m_last_request + m_options.min_interval;
    const auto now = m_clock.now();
    if (next > now) m_sleep(std::chrono::duration_cast<milliseconds>(next - now));
  }
  m_last_request = m_clock.now();
}

HttpResponse Session::send(HttpRequest request) {
  request.url = m_options.base_url + request.url;
  request.timeout = m_options.timeout;
  if (!m_cookies.empty()) request.headers.emplace_back("Cookie", m_cookies.header());
  pace();
  ++m_requests;
  HttpResponse response = m_http.send(request);
  m_cookies.absorb(response);
  if (m_trace)
    m_trace(fmt::format("{} {} -> {}", request.method,
                        request.url.substr(m_options.base_url.size()), response.status));
  return response;
}

HttpResponse Session::send_with_retries(const HttpRequest& request) {
  milliseconds backoff{1000};
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= m_options.max_attempts;
    try {
      HttpResponse r = send(request);
      if (!is_retryable(r.status) || last) return r;
      backoff = std::min(retry_after(r).value_or(backoff), m_options.max_backoff);
    } catch (const HttpTransportError& e) {
      if (last) throw;
      if (m_trace) m_trace(fmt::format("{} {}: {}", request.method, request.url, e.what()));
    }
    if (m_trace)
      m_trace(fmt::format("retrying {} in {} ms (attempt {} of {})", request.url, backoff.count(),
                          attempt + 1, m_options.max_attempts));
    m_sleep(backoff);
    backoff = std::min(backoff * 2, m_options.max_backoff);
  }
}

bool Session::expired(const HttpResponse& r) const {
  // 401 is both "You must be logged in" and "You are not authorized" (a student
  // account on a staff page): only the first is cured by logging in again.
  if (r.status == 401) return !is_not_authorized(r);
  if (r.status >= 300 && r.status < 400) {
    const auto to = location_path(r);
    return to == "/login" || to.starts_with("/account/auth");
  }
  if (r.status != 200 || !trim(r.body).starts_with("<")) return false;
  // Only a page that mentions /login can be the login form: skip parsing the rest twice.
  return r.body.find("/login") != std::string::npos && is_logged_out_page(r.body);
}

HttpResponse Session::get(const std::string& path) {
  HttpRequest request;
  request.url = path;
  HttpResponse r = send_with_retries(request);
  if (expired(r)) {
    std::optional<std::string> password;
    if (!m_relogged && m_password) password = m_password();
    if (!password)
      throw auth_error(
          fmt::format("Gradescope session expired or not logged in; {}", k_login_again));
    m_relogged = true;
    login(m_relogin_email, *password);
    r = send_with_retries(request);
    if (expired(r))
      throw auth_error(fmt::format("Gradescope refused {} even after logging in again", path));
  }
  if (r.status == 429) throw_throttled(r);
  if (r.status >= 500)
    throw unavailable_error(fmt::format("Gradescope answered HTTP {} for {}", r.status, path));
  if (r.status == 404)
    throw data_error(
        fmt::format("Gradescope has no {} (HTTP 404: wrong course or assignment id?)", path));
  if (is_not_authorized(r)) {
    throw auth_error(
        fmt::format("Gradescope says this account is not authorized for {} (HTTP 401): is it staff "
                    "in that course?",
                    path));
  }
  if (r.status == 403)
    throw auth_error(
        fmt::format("this account may not open {} (HTTP 403: staff access needed)", path));
  if (r.status < 200 || r.status >= 300) {
    throw Error(ExitCode::failure,
                fmt::format("Gradescope answered HTTP {} for {}{}", r.status, path,
                            r.status < 400 ? " (redirect to " + location_path(r) + ")" : ""));
  }
  return r;
}

void Session::login(const std::string& email, const std::string& password) {
  m_cookies = CookieJar();
  HttpRequest form;
  form.url = "/login";
  const HttpResponse page = send_with_retries(form);
  if (page.status == 429) throw_throttled(page);
  if (page.status >= 500)
    throw unavailable_error(fmt::format("Gradescope answered HTTP {} for /login", page.status));
  const std::string token = parse_login_token(page.body, "/login");

  HttpRequest post;
  post.method = "POST";
  post.url = "/login";
  post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  post.body = form_body({{"utf8", "\xE2\x9C\x93"},
                         {"authenticity_token", token},
                         {"session[email]", email},
                         {"session[password]", password},
                         {"session[remember_me]", "1"},
                         {"commit", "Log In"},
                         {"session[remember_me_sso]", "0"}});
  // Not retried: a repeated failed POST counts against the account's attempts.
  const HttpResponse r = send(post);
  if (r.status == 429 || mentions_throttling(r.body)) throw_throttled(r);
  if (r.status == 422) {
    throw data_error(
        "Gradescope refused the login form's CSRF token (HTTP 422); the login page may have "
        "changed: run cs351 gradescope check");
  }
  if (r.status >= 500)
    throw unavailable_error(fmt::format("Gradescope answered HTTP {} to the login form", r.status));
  if (r.status >= 300 && r.status < 400) {
    const auto to = location_path(r);
    if (to == "/account" || to == "/") return;
    if (to == "/login")
      throw auth_error(fmt::format("Gradescope rejected the email or password for {}", email));
    throw Error(ExitCode::failure, fmt::format("unexpected redirect to {} after logging in", to));
  }
  if (r.status == 200 || r.status == 401) {
    throw auth_error(fmt::format("Gradescope rejected the email or password for {}", email));
  }
  throw Error(ExitCode::failure,
              fmt::format("Gradescope answered HTTP {} to the login form", r.status));
}

}  // namespace cs351::gradescope
