#pragma once
// The bridge's HTTP layer on GNU libmicrohttpd: an event loop per thread (a slow client costs a
// socket, not a thread), a cap on connections per client address, a deadline for the headers
// and one for the body of every request (enforced by shutting the socket down), and bodies
// collected through BoundedBody while they stream in. What to answer is the Handler's business.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cs351::autograde {

struct HttpAnswer {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type: JSON
};

struct HttpHead {
  std::string method, path;
  std::function<std::string(const char* name)> header;  // "" when absent
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Decided from the request line and headers alone, before any body byte is read: an answer
  // refuses the request, nullopt lets it through.
  virtual std::optional<HttpAnswer> check(const HttpHead& head) = 0;
  virtual HttpAnswer answer(const HttpHead& head, std::string& body) = 0;
  // The answer to a body that passed `max_body` (after decompression) or is not valid gzip.
  virtual HttpAnswer refuse_body(bool too_large) = 0;
};

struct HttpLimits {
  std::chrono::milliseconds header_timeout{10'000};  // also how long an idle connection stays
  std::chrono::milliseconds body_timeout{120'000};
  unsigned connections_per_client = 64;
  unsigned connections = 512;
  std::size_t max_body = 0;
};

class HttpServer {
 public:
  // Binds HOST:PORT (port 0: any free port); a temporary Error (exit 69) when it cannot.
  HttpServer(const std::string& host, int port, const HttpLimits& limits, HttpHandler& handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return m_port; }
  // Closes the connections whose deadline has passed; call it a few times a second.
  void enforce_deadlines();

  struct State;  // defined in bridge_http.cpp, shared with libmicrohttpd's callbacks

 private:
  std::unique_ptr<State> m_state;
  int m_port = 0;
};

}  // namespace cs351::autograde
