#pragma once
// The HTTP bridge Gradescope's autograder container talks to (on bridge_http, libmicrohttpd):
//   POST /v1/runs               tar of submission_metadata.json + submission/... -> the run
//   GET  /v1/runs/{id}          status (queued with position, running, finished)
//   GET  /v1/runs/{id}/results  Gradescope results.json once finished, else 202 + status
// Every request needs `Authorization: Bearer <autograde.token>` (checked in constant time; a
// client network that sent too many wrong ones gets 429 first), then passes the token's rate
// limit (429); every error is a JSON body {"error": "..."}. A refused submission (wrong token,
// unknown assignment or course, configuration error, unreadable or too large archive) is also
// logged, recorded in the store (refusals.h) and says whose fault it is: {"error", "fault":
// "staff"|"student"} with a 4xx status the client must not retry.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "cs351/autograde/bridge_http.h"
#include "cs351/autograde/queue_backend.h"
#include "cs351/core/config.h"
#include "cs351/store/store.h"

namespace cs351::autograde {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8351;  // 0: any free port
  std::string token;
  std::uint64_t max_upload = 100ULL << 20;
  store::StoreFactory open_store;                    // one connection per concurrent request
  QueueOpener open_queue;                            // and one queue connection
  std::chrono::milliseconds header_timeout{10'000};  // headers (and idle keep-alive) deadline
  std::chrono::milliseconds body_timeout{120'000};   // the whole body must arrive by then
  unsigned connections_per_client = 64;
  double requests_per_second = 200;
  TlsFiles tls;                // none: plain HTTP, only on loopback unless insecure_http
  bool insecure_http = false;  // allow plain HTTP on any address
};

struct ServeSignals {
  const std::atomic<bool>& stop;
  std::atomic<bool>& reload;  // re-read the TLS certificate (SIGHUP); reset once done
};

// "127.0.0.1:8351" -> host and port; a usage Error otherwise.
void parse_listen(const std::string& listen, ServeOptions& options);

// The bridge's settings from config (autograde.bridge_*, autograde.max_submission_size) and
// the token; the caller fills in where to listen and the store.
ServeOptions serve_options(const Config& config);

// What serve() makes of the options' transport: HTTPS, plain HTTP on loopback (behind a
// TLS proxy), plain HTTP elsewhere because insecure_http allows it; or a refusal: a
// certificate without its key (or a key without its certificate), or plain HTTP off
// loopback without insecure_http. The caller words the refusal and warns about
// plain_allowed in its own terms (cli/ names its flags) before it calls serve().
enum class Transport { tls, plain_loopback, plain_allowed, half_tls, plain_refused };
Transport transport_of(const ServeOptions& options);

// Serves until `signals.stop` is set. `log` gets "listening on http(s)://HOST:PORT" once
// bound, then one line per refusal and per request that failed. Throws Error (exit 69) when
// the address cannot be bound, a config Error when the token is shorter than 32 characters,
// the TLS files are unusable, or the transport is refused (transport_of).
void serve(const Config& config, const ServeOptions& options, const ServeSignals& signals,
           const std::function<void(const std::string&)>& log);

}  // namespace cs351::autograde
