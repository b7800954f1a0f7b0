#pragma once
// The bridge's HTTP(S) layer on GNU libmicrohttpd: an event loop per thread (a slow client costs
// a socket, not a thread), a cap on connections per client network (/24, /64), a deadline for
// the headers and one for the body of every request (enforced by shutting the socket down),
// bodies collected through BoundedBody while they stream in, answers held back (the connection
// suspended, no thread kept) while the handler says the client may still wait, and TLS through
// GnuTLS with the certificate re-read on demand. What to answer is the Handler's business.

#include <chrono>
#include <cstddef>
#include <cstdint>
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
  // Not final yet: ask the handler again once `hold_key` is no longer among what it says
  // still waits (HttpHandler::still_waiting), or this long after the first answer, when this
  // answer goes out. Zero: send it now.
  std::chrono::milliseconds hold{0};
  std::int64_t hold_key = 0;
};

struct HttpHead {
  std::string method, path;
  std::string client;                                     // the client's network, "a.b.c.0/24"
  std::function<std::string(const char* name)> header;    // "" when absent
  std::function<std::string(const char* name)> argument;  // of the query string; "" when absent
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Decided from the request line and headers alone, before any body byte is read: an answer
  // refuses the request, nullopt lets it through.
  virtual std::optional<HttpAnswer> check(const HttpHead& head) = 0;
  virtual HttpAnswer answer(const HttpHead& head, std::string& body) = 0;
  // The answer to a body that passed `max_body` (after decompression) or is not valid gzip.
  virtual HttpAnswer refuse_body(const HttpHead& head, bool too_large) = 0;
  // Of the keys of the answers held back, those whose answer would not change yet. Called
  // from tick(); an Error asks every held answer again.
  virtual std::vector<std::int64_t> still_waiting(const std::vector<std::int64_t>& keys) = 0;
};

struct HttpLimits {
  std::chrono::milliseconds header_timeout{10'000};  // also how long an idle connection stays
  std::chrono::milliseconds body_timeout{120'000};
  unsigned connections_per_client = 64;
  unsigned connections = 512;
  std::size_t max_body = 0;
};

// PEM files of the certificate (chain) and its private key; both empty: plain HTTP.
struct TlsFiles {
  std::string cert, key;
  bool enabled() const { return !cert.empty(); }
};

// True when HOST resolves to a loopback address (127.0.0.0/8, ::1).
bool is_loopback(const std::string& host);

class HttpServer {
 public:
  // Binds HOST:PORT (port 0: any free port); a temporary Error (exit 69) when it cannot, a config
  // Error (exit 78) when the TLS files cannot be read or do not make a certificate and its key.
  HttpServer(const std::string& host, int port, const HttpLimits& limits, const TlsFiles& tls,
             HttpHandler& handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return m_port; }
  // Closes the connections whose deadline has passed, asks held answers again whose key no
  // longer waits or whose hold is over, and retires daemons of replaced certificates once idle;
  // how often it is called is how soon a held answer follows what it waited for.
  void tick();
  // Re-reads the TLS files: new connections get the new certificate, open ones finish with the
  // old. A config Error (the old certificate stays) when the files are unreadable or do not match.
  void reload_tls();

  struct State;  // defined in bridge_http.cpp, shared with libmicrohttpd's callbacks
  struct Daemon;

 private:
  void retire_idle();
  void resume_held(bool all);

  std::unique_ptr<State> m_state;
  TlsFiles m_tls;
  std::unique_ptr<Daemon> m_daemon;
  std::vector<std::unique_ptr<Daemon>> m_retired;
  int m_port = 0;
};

}  // namespace cs351::autograde
