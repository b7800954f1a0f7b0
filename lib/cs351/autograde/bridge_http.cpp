#include "cs351/autograde/bridge_http.h"

#include <fmt/format.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_set>

#include "cs351/autograde/bridge_body.h"
#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

using Steady = std::chrono::steady_clock;

// One per open connection (MHD's socket context): the moment by which its client must have
// sent what it owes (the headers of the next request, or the body of this one).
struct Connection {
  MHD_socket fd;
  Steady::time_point deadline;
};

// One per request (MHD's request context).
struct Exchange {
  HttpHead head;
  std::unique_ptr<BoundedBody> body;  // null once the request was refused from its headers
};

}  // namespace

struct HttpServer::State {
  State(const HttpLimits& l, HttpHandler& h) : limits(l), handler(h) {}
  HttpLimits limits;
  HttpHandler& handler;
  MHD_Daemon* daemon = nullptr;
  std::mutex mutex;  // guards `open` and every Connection::deadline
  std::unordered_set<Connection*> open;

  void extend(MHD_Connection* c, std::chrono::milliseconds by) {
    const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (info == nullptr || info->socket_context == nullptr) return;
    std::lock_guard lock(mutex);
    static_cast<Connection*>(info->socket_context)->deadline = Steady::now() + by;
  }
};

namespace {

void send(MHD_Connection* c, const HttpAnswer& a) {
  MHD_Response* r = MHD_create_response_from_buffer(a.body.size(), const_cast<char*>(a.body.data()),
                                                    MHD_RESPMEM_MUST_COPY);
  MHD_add_response_header(r, "Content-Type", "application/json");
  for (const auto& [name, value] : a.headers)
    MHD_add_response_header(r, name.c_str(), value.c_str());
  MHD_queue_response(c, static_cast<unsigned>(a.status), r);
  MHD_destroy_response(r);
}

HttpHead head_of(MHD_Connection* c, const char* method, const char* url) {
  return {method, url, [c](const char* name) {
            const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
            return std::string(v ? v : "");
          }};
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
    send(c, s.handler.refuse_body(true));
    return;
  }
  x.body = std::make_unique<BoundedBody>(s.limits.max_body, encoding == "gzip");
  s.extend(c, s.limits.body_timeout);
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method,
                      const char*, const char* data, size_t* size, void** context) {
  auto& s = *static_cast<HttpServer::State*>(cls);
  try {
    if (*context == nullptr) {
      auto* x = new Exchange{head_of(c, method, url), nullptr};
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
    s.extend(c, s.limits.body_timeout);  // time to work out and send the answer
    x.body->finish();
    if (x.body->state() != BoundedBody::State::open) {
      send(c, s.handler.refuse_body(x.body->state() == BoundedBody::State::too_large));
    } else {
      send(c, s.handler.answer(x.head, x.body->text()));
    }
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
    auto* conn = new Connection{info->connect_fd, Steady::now() + s.limits.header_timeout};
    s.open.insert(conn);
    *socket_context = conn;
  } else {
    // MHD closes the socket only after this returns, so enforce_deadlines() (which holds the
    // mutex) never shuts down a descriptor that was reused.
    auto* conn = static_cast<Connection*>(*socket_context);
    s.open.erase(conn);
    delete conn;
  }
}

sockaddr_storage resolve(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr)
    throw unavailable_error(fmt::format("cannot listen on {}:{}: unknown host", host, port));
  sockaddr_storage address{};
  std::memcpy(&address, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  return address;
}

}  // namespace

HttpServer::HttpServer(const std::string& host, int port, const HttpLimits& limits,
                       HttpHandler& handler)
    : m_state(std::make_unique<State>(limits, handler)) {
  const sockaddr_storage address = resolve(host, port);
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (address.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
  const auto idle = static_cast<unsigned>(std::max<long long>(
      1, std::chrono::duration_cast<std::chrono::seconds>(limits.header_timeout).count()));
  errno = 0;  // MHD leaves bind's reason (EADDRINUSE, EACCES) here on failure
  m_state->daemon = MHD_start_daemon(
      flags, static_cast<std::uint16_t>(port), nullptr, nullptr, &on_request, m_state.get(),
      MHD_OPTION_SOCK_ADDR, reinterpret_cast<const sockaddr*>(&address),
      MHD_OPTION_THREAD_POOL_SIZE, 4U, MHD_OPTION_CONNECTION_LIMIT, limits.connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.connections_per_client,
      MHD_OPTION_CONNECTION_TIMEOUT, idle, MHD_OPTION_NOTIFY_COMPLETED, &on_completed,
      m_state.get(), MHD_OPTION_NOTIFY_CONNECTION, &on_connection, m_state.get(), MHD_OPTION_END);
  if (m_state->daemon == nullptr) {
    throw unavailable_error(
        fmt::format("cannot listen on {}:{}: {}", host, port,
                    errno != 0 ? std::strerror(errno) : "the HTTP server did not start"));
  }
  m_port = MHD_get_daemon_info(m_state->daemon, MHD_DAEMON_INFO_BIND_PORT)->port;
}

HttpServer::~HttpServer() {
  MHD_stop_daemon(m_state->daemon);
}

void HttpServer::enforce_deadlines() {
  const auto now = Steady::now();
  std::lock_guard lock(m_state->mutex);
  for (Connection* c : m_state->open) {
    if (c->deadline < now) shutdown(c->fd, SHUT_RDWR);
  }
}

}  // namespace cs351::autograde
