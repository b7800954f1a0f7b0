#include "cs351/autograde/bridge_http.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_set>

#include "cs351/autograde/bridge_body.h"
#include "cs351/autograde/bridge_rate.h"
#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

using Steady = std::chrono::steady_clock;

// A daemon serving an old certificate is stopped once idle, or after this (a deadline has long
// closed anything it still held).
constexpr auto k_retire_after = std::chrono::minutes(5);

// One per open connection (MHD's socket context): the moment by which its client must have
// sent what it owes (the headers of the next request, or the body of this one), and the
// network it counts under.
struct Connection {
  MHD_socket fd;
  Steady::time_point deadline;
  std::string network;
};

// One per request (MHD's request context).
struct Exchange {
  HttpHead head;
  std::unique_ptr<BoundedBody> body;  // null once the request was refused from its headers
  bool body_done = false;
  std::optional<Steady::time_point> hold_until;  // set by the first answer that asked to hold
};

// A connection whose answer is held back: asked again once the handler no longer says `key`
// waits, or at `until`.
struct Held {
  MHD_Connection* connection;
  std::int64_t key;
  Steady::time_point until;
};

}  // namespace

struct HttpServer::State {
  State(const HttpLimits& l, HttpHandler& h) : limits(l), handler(h) {}
  HttpLimits limits;
  HttpHandler& handler;
  std::mutex mutex;  // guards everything below and every Connection::deadline
  std::unordered_set<Connection*> open;
  std::map<std::string, unsigned> per_network;
  std::vector<Held> held;  // suspended, to be resumed and asked again
  bool stopping = false;

  void extend(MHD_Connection* c, Steady::duration by) {
    std::lock_guard lock(mutex);
    extend_locked(c, by);
  }
  void extend_locked(MHD_Connection* c, Steady::duration by) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (info == nullptr || info->socket_context == nullptr) return;
    static_cast<Connection*>(info->socket_context)->deadline = Steady::now() + by;
  }
};

struct HttpServer::Daemon {
  MHD_Daemon* mhd = nullptr;
  std::string cert, key;  // MHD keeps pointers to them
  Steady::time_point retired_at;
};

namespace {

std::string read_pem(const std::string& path, const char* what) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || text.str().empty())
    throw config_error(fmt::format("cannot read the TLS {} {}: {}", what, path,
                                   errno != 0 ? std::strerror(errno) : "empty file"));
  return text.str();
}

void send(MHD_Connection* c, const HttpAnswer& a) {
  MHD_Response* r = MHD_create_response_from_buffer(a.body.size(), const_cast<char*>(a.body.data()),
                                                    MHD_RESPMEM_MUST_COPY);
  MHD_add_response_header(r, "Content-Type", "application/json");
  for (const auto& [name, value] : a.headers)
    MHD_add_response_header(r, name.c_str(), value.c_str());
  MHD_queue_response(c, static_cast<unsigned>(a.status), r);
  MHD_destroy_response(r);
}

std::function<std::string(const char*)> lookup(MHD_Connection* c, MHD_ValueKind kind) {
  return [c, kind](const char* name) {
    const char* v = MHD_lookup_connection_value(c, kind, name);
    return std::string(v ? v : "");
  };
}

std::string network_of(MHD_Connection* c) {
  const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  return client_network(info ? info->client_addr : nullptr);
}

bool loopback_address(const sockaddr* a) {
  if (a == nullptr) return false;
  if (a->sa_family == AF_INET)
    return (ntohl(reinterpret_cast<const sockaddr_in*>(a)->sin_addr.s_addr) >> 24) == 127;
  return a->sa_family == AF_INET6 &&
         IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr);
}

bool from_loopback(MHD_Connection* c) {
  const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  return info != nullptr && loopback_address(info->client_addr);
}

// A reverse proxy on this host (a loopback peer) names the real client in X-Forwarded-For;
// nobody else is believed.
std::string client_of(MHD_Connection* c) {
  if (from_loopback(c)) {
    const char* forwarded = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
    if (forwarded != nullptr) {
      if (auto network = forwarded_network(forwarded)) return *network;
    }
  }
  return network_of(c);
}

HttpHead head_of(MHD_Connection* c, const char* method, const char* url) {
  return {method, url, client_of(c), lookup(c, MHD_HEADER_KIND), lookup(c, MHD_GET_ARGUMENT_KIND)};
}

// Headers are in: refuse early (leaving no body to collect) or get ready for the body.
void start(HttpServer::State& s, MHD_Connection* c, Exchange& x) {
  if (auto refusal = s.handler.check(x.head)) {
    send(c, *refusal);
    return;
  }
  const std::string encoding = x.head.header("Content-Encoding");
  const std::string length = x.head.header("Content-Length");
  if (!length.empty() && (length.size() >= 20 || std::stoull(length) > s.limits.max_body)) {
    send(c, s.handler.refuse_body(x.head, true));
    return;
  }
  x.body = std::make_unique<BoundedBody>(s.limits.max_body, encoding == "gzip");
  s.extend(c, s.limits.body_timeout);
}

// The body is in: answer now, or hold the connection (no thread kept) while the handler says
// its client may wait for a better answer.
void respond(HttpServer::State& s, MHD_Connection* c, Exchange& x) {
  if (!x.body_done) {
    x.body_done = true;
    s.extend(c, s.limits.body_timeout);  // time to work out and send the answer
    x.body->finish();
    if (x.body->state() != BoundedBody::State::open) {
      send(c, s.handler.refuse_body(x.head, x.body->state() == BoundedBody::State::too_large));
      return;
    }
  }
  const HttpAnswer answer = s.handler.answer(x.head, x.body->text());
  const auto now = Steady::now();
  if (answer.hold.count() > 0 && !x.hold_until) x.hold_until = now + answer.hold;
  {
    std::lock_guard lock(s.mutex);
    if (answer.hold.count() > 0 && now < *x.hold_until && !s.stopping) {
      s.extend_locked(c, *x.hold_until - now + s.limits.header_timeout);
      MHD_suspend_connection(c);
      s.held.push_back({c, answer.hold_key, *x.hold_until});
      return;
    }
  }
  send(c, answer);
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method,
                      const char*, const char* data, size_t* size, void** context) {
  auto& s = *static_cast<HttpServer::State*>(cls);
  try {
    if (*context == nullptr) {
      auto* x = new Exchange{head_of(c, method, url), nullptr, false, std::nullopt};
      *context = x;
      start(s, c, *x);
      return MHD_YES;
    }
    auto& x = *static_cast<Exchange*>(*context);
    if (!x.body) {
      *size = 0;
      return MHD_YES;
    }
    if (*size != 0) {
      x.body->append(std::string_view(data, *size));
      *size = 0;
      return MHD_YES;
    }
    respond(s, c, x);
    return MHD_YES;
  } catch (const std::exception&) {
    return MHD_NO;  // a handler that cannot even answer: drop the connection, keep serving
  }
}

void on_completed(void* cls, MHD_Connection* c, void** context, MHD_RequestTerminationCode) {
  auto& s = *static_cast<HttpServer::State*>(cls);
  delete static_cast<Exchange*>(*context);
  *context = nullptr;
  s.extend(c, s.limits.header_timeout);  // the next request on this connection
}

void on_connection(void* cls, MHD_Connection* c, void** socket_context,
                   MHD_ConnectionNotificationCode code) {
  auto& s = *static_cast<HttpServer::State*>(cls);
  std::lock_guard lock(s.mutex);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    auto* conn =
        new Connection{info->connect_fd, Steady::now() + s.limits.header_timeout, network_of(c)};
    s.open.insert(conn);
    *socket_context = conn;
    // Over its network's share: closed before it may send a byte.
    if (++s.per_network[conn->network] > s.limits.connections_per_client)
      shutdown(conn->fd, SHUT_RDWR);
  } else {
    // MHD closes the socket only after this returns, so tick() (which holds the mutex) never
    // shuts down a descriptor that was reused.
    auto* conn = static_cast<Connection*>(*socket_context);
    std::erase_if(s.held, [c](const Held& h) { return h.connection == c; });
    if (--s.per_network[conn->network] == 0) s.per_network.erase(conn->network);
    s.open.erase(conn);
    delete conn;
  }
}

std::optional<sockaddr_storage> resolve_address(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr)
    return std::nullopt;
  sockaddr_storage address{};
  std::memcpy(&address, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  return address;
}

// Where to listen: a fresh socket on `address`, or the socket of the daemon being replaced.
struct Listen {
  const sockaddr_storage* address = nullptr;
  MHD_socket fd = MHD_INVALID_SOCKET;
};

std::unique_ptr<HttpServer::Daemon> start_daemon(HttpServer::State& s, const Listen& where,
                                                 const TlsFiles& tls) {
  auto d = std::make_unique<HttpServer::Daemon>();
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
  std::vector<MHD_OptionItem> options;
  if (where.address != nullptr) {
    if (where.address->ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    options.push_back({MHD_OPTION_SOCK_ADDR, 0, const_cast<sockaddr_storage*>(where.address)});
  } else {
    options.push_back({MHD_OPTION_LISTEN_SOCKET, where.fd, nullptr});
  }
  if (tls.enabled()) {
    flags |= MHD_USE_TLS;
    d->cert = read_pem(tls.cert, "certificate");
    d->key = read_pem(tls.key, "key");
    options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, d->cert.data()});
    options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, d->key.data()});
  }
  options.push_back({MHD_OPTION_END, 0, nullptr});
  const auto idle = static_cast<unsigned>(std::max<long long>(
      1, std::chrono::duration_cast<std::chrono::seconds>(s.limits.header_timeout).count()));
  errno = 0;  // MHD leaves bind's reason (EADDRINUSE, EACCES) here on failure
  d->mhd = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &on_request, &s, MHD_OPTION_ARRAY, options.data(),
      MHD_OPTION_THREAD_POOL_SIZE, 4U, MHD_OPTION_CONNECTION_LIMIT, s.limits.connections,
      MHD_OPTION_CONNECTION_TIMEOUT, idle, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, &s,
      MHD_OPTION_NOTIFY_CONNECTION, &on_connection, &s, MHD_OPTION_END);
  return d;
}

}  // namespace

bool is_loopback(const std::string& host) {
  const auto address = resolve_address(host, 0);
  return address && loopback_address(reinterpret_cast<const sockaddr*>(&*address));
}

HttpServer::HttpServer(const std::string& host, int port, const HttpLimits& limits,
                       const TlsFiles& tls, HttpHandler& handler)
    : m_state(std::make_unique<State>(limits, handler)), m_tls(tls) {
  const auto address = resolve_address(host, port);
  if (!address)
    throw unavailable_error(fmt::format("cannot listen on {}:{}: unknown host", host, port));
  if (tls.enabled() && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
    throw config_error("this libmicrohttpd was built without TLS; serve behind a reverse proxy");
  m_daemon = start_daemon(*m_state, {&*address}, tls);
  if (m_daemon->mhd == nullptr) {
    const int reason = errno;
    if (tls.enabled() && reason != EADDRINUSE && reason != EACCES)
      throw config_error(
          fmt::format("TLS files {} and {} are not a certificate and its key", tls.cert, tls.key));
    throw unavailable_error(
        fmt::format("cannot listen on {}:{}: {}", host, port,
                    reason != 0 ? std::strerror(reason) : "the HTTP server did not start"));
  }
  m_port = MHD_get_daemon_info(m_daemon->mhd, MHD_DAEMON_INFO_BIND_PORT)->port;
}

HttpServer::~HttpServer() {
  {
    std::lock_guard lock(m_state->mutex);
    m_state->stopping = true;
  }
  resume_held(true);
  for (auto& d : m_retired) MHD_stop_daemon(d->mhd);
  MHD_stop_daemon(m_daemon->mhd);
}

void HttpServer::reload_tls() {
  // The new daemon gets its own descriptor of the listening socket: one that fails to start
  // closes that copy, never the socket the old daemon still serves.
  const MHD_socket fd =
      dup(MHD_get_daemon_info(m_daemon->mhd, MHD_DAEMON_INFO_LISTEN_FD)->listen_fd);
  if (fd < 0) throw unavailable_error(fmt::format("cannot reload TLS: {}", std::strerror(errno)));
  std::unique_ptr<Daemon> fresh;
  try {
    fresh = start_daemon(*m_state, {nullptr, fd}, m_tls);
  } catch (const Error&) {
    close(fd);  // unreadable files: MHD never saw the copy
    throw;
  }
  if (fresh->mhd == nullptr)
    throw config_error(fmt::format("TLS files {} and {} are not a certificate and its key",
                                   m_tls.cert, m_tls.key));
  // Both daemons accept on the socket for a moment; then only the new one does.
  const MHD_socket old = MHD_quiesce_daemon(m_daemon->mhd);
  if (old != MHD_INVALID_SOCKET) close(old);
  m_daemon->retired_at = Steady::now();
  m_retired.push_back(std::move(m_daemon));
  m_daemon = std::move(fresh);
}

void HttpServer::retire_idle() {
  const auto now = Steady::now();
  std::erase_if(m_retired, [now](const std::unique_ptr<Daemon>& d) {
    const auto* info = MHD_get_daemon_info(d->mhd, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if ((info != nullptr && info->num_connections > 0) && now - d->retired_at < k_retire_after)
      return false;
    MHD_stop_daemon(d->mhd);
    return true;
  });
}

// Outside the mutex: MHD takes its own locks to resume, and the handler its own to answer. A
// suspended connection cannot close meanwhile (only a daemon stop, on this same thread, would
// close it), so the keys asked about are still held when the answer comes back.
void HttpServer::resume_held(bool all) {
  std::vector<std::int64_t> keys;
  {
    std::lock_guard lock(m_state->mutex);
    for (const Held& h : m_state->held) keys.push_back(h.key);
  }
  if (keys.empty()) return;
  std::vector<std::int64_t> waiting;
  if (!all) {
    try {
      waiting = m_state->handler.still_waiting(keys);
    } catch (const std::exception&) {
      // Cannot tell: `waiting` stays empty, so every held answer is asked again.
    }
  }
  std::vector<MHD_Connection*> resume;
  {
    std::lock_guard lock(m_state->mutex);
    const auto now = Steady::now();
    std::erase_if(m_state->held, [&](const Held& h) {
      const bool waits = std::find(waiting.begin(), waiting.end(), h.key) != waiting.end();
      if (waits && h.until > now) return false;
      resume.push_back(h.connection);
      return true;
    });
  }
  for (MHD_Connection* c : resume) MHD_resume_connection(c);
}

void HttpServer::tick() {
  const auto now = Steady::now();
  {
    std::lock_guard lock(m_state->mutex);
    for (Connection* c : m_state->open) {
      if (c->deadline < now) shutdown(c->fd, SHUT_RDWR);
    }
  }
  resume_held(false);
  retire_idle();
}

}  // namespace cs351::autograde
