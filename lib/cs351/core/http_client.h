#pragma once
// HTTP behind a small interface: libcurl in production and integration tests,
// a fake in unit tests. Transport failures throw HttpTransportError (exit 69).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cs351/core/error.h"

namespace cs351 {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;  // names lower-cased
  std::string body;
  // First header with this (case-insensitive) name.
  std::optional<std::string> header(const std::string& name) const;
};

class HttpTransportError : public Error {
 public:
  HttpTransportError(const std::string& message, bool timed_out)
      : Error(ExitCode::unavailable, message), m_timed_out(timed_out) {}
  bool timed_out() const { return m_timed_out; }

 private:
  bool m_timed_out;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Never follows redirects: callers see 3xx and decide.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

// One reusable connection (keep-alive) per client; not thread-safe: one per thread.
std::unique_ptr<HttpClient> make_curl_client(const std::string& user_agent);

// application/x-www-form-urlencoded / RFC 3986 percent-encoding of `s`.
std::string url_encode(const std::string& s);

}  // namespace cs351
