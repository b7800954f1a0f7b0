#pragma once
// A logged-in conversation with Gradescope: cookies, politeness between
// requests, bounded retries with backoff, and one automatic re-login when the
// session expires. The password is only ever sent in a POST body.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "cs351/core/clock.h"
#include "cs351/core/config.h"
#include "cs351/core/http_client.h"
#include "cs351/core/sleeper.h"
#include "cs351/gradescope/cookie_jar.h"

namespace cs351::gradescope {

struct SessionOptions {
  std::string base_url = "https://www.gradescope.com";
  std::chrono::milliseconds min_interval{1000};
  std::chrono::milliseconds timeout{30'000};
  int max_attempts = 4;
  std::chrono::milliseconds max_backoff{60'000};  // cap on Retry-After and exponential backoff
};

// The gradescope.* settings as session options (a config Error for bad numbers).
SessionOptions session_options(const Config& config);

// Supplies the password for an automatic re-login; nullopt when there is no source.
using PasswordSource = std::function<std::optional<std::string>()>;

class Session {
 public:
  Session(HttpClient& http, SessionOptions options, const Clock& clock = system_clock(),
          Sleeper sleeper = {});

  // The login flow: GET /login for the token, form-encoded POST, 302 to /account.
  // Exit 77 for rejected credentials, 75 when throttled, 65 for a refused CSRF
  // token or a changed login page, 1 for an unexpected redirect.
  void login(const std::string& email, const std::string& password);

  // GET base_url + path with the session cookies. Retries 429/5xx/timeouts;
  // on an expired session logs in again once through `relogin`, else exit 77.
  // Returns 2xx responses only (other statuses become Errors naming the path).
  HttpResponse get(const std::string& path);

  // Email and password source used when the session expires mid-run.
  void enable_relogin(std::string email, PasswordSource password);

  // Called with one line per request ("GET /courses/1/memberships -> 200") and per
  // retry: what `-v` shows.
  void set_trace(std::function<void(const std::string&)> trace) { m_trace = std::move(trace); }

  CookieJar& cookies() { return m_cookies; }
  const std::string& base_url() const { return m_options.base_url; }
  int requests() const { return m_requests; }

 private:
  HttpResponse send(HttpRequest request);
  HttpResponse send_with_retries(const HttpRequest& request);
  bool expired(const HttpResponse& response) const;
  void pace();

  HttpClient& m_http;
  SessionOptions m_options;
  const Clock& m_clock;
  Sleeper m_sleep;
  CookieJar m_cookies;
  std::optional<TimePoint> m_last_request;
  int m_requests = 0;
  std::string m_relogin_email;
  PasswordSource m_password;
  bool m_relogged = false;
  std::function<void(const std::string&)> m_trace;
};

}  // namespace cs351::gradescope
