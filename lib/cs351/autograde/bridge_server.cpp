#include "cs351/autograde/bridge_server.h"
#include "cs351/autograde/settings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/bridge_http.h"
#include "cs351/autograde/bridge_rate.h"
#include "cs351/autograde/gradescope_metadata.h"
#include "cs351/autograde/refusals.h"
#include "cs351/autograde/roster_check.h"
#include "cs351/autograde/service.h"
#include "cs351/autograde/tar.h"
#include "cs351/core/crypto.h"
#include "cs351/core/error.h"
#include "cs351/roster/course.h"

namespace cs351::autograde {
namespace {

using nlohmann::json;

constexpr const char* k_metadata_entry = "submission_metadata.json";
constexpr std::string_view k_submission_prefix = "submission/";
constexpr std::size_t k_min_token_length = 32;
constexpr int k_max_wait_seconds = 30;
// How often the server looks whether a held results request can be answered: a result reaches
// its client within this (plus the network) of the worker recording it.
constexpr auto k_tick = std::chrono::milliseconds(25);
// Wrong tokens per client network: 10 at once, then one every 6 s (a typo is noticed long
// before; a guesser gets ten a minute).
constexpr double k_wrong_token_burst = 10;
constexpr double k_wrong_tokens_per_second = 1.0 / 6;

// One store and queue connection per concurrent request, reused (opening one per
// request costs a migration or schema check).
struct Connections {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Queue> queue;
};

class ConnectionPool {
 public:
  ConnectionPool(store::StoreFactory open_store, QueueOpener open_queue)
      : m_open_store(std::move(open_store)), m_open_queue(std::move(open_queue)) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, Connections c) : m_pool(pool), m_c(std::move(c)) {}
    ~Lease() { m_pool.give_back(std::move(m_c)); }
    store::Store& store() { return *m_c.store; }
    Queue& queue() { return *m_c.queue; }

   private:
    ConnectionPool& m_pool;
    Connections m_c;
  };

  Lease take() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_free.empty()) {
        auto c = std::move(m_free.back());
        m_free.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    Connections c{m_open_store(), nullptr};
    c.queue = m_open_queue(*c.store);
    return Lease(*this, std::move(c));
  }

 private:
  void give_back(Connections c) {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(c));
  }

  store::StoreFactory m_open_store;
  QueueOpener m_open_queue;
  std::mutex m_mutex;
  std::vector<Connections> m_free;
};

HttpAnswer reply(int status, const json& body) {
  return {status, body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

HttpAnswer reply_error(int status, const std::string& message) {
  return reply(status, json{{"error", message}});
}

bool authorised(const std::string& header, const std::string& token) {
  constexpr std::string_view scheme = "Bearer ";
  const std::string given =
      header.starts_with(scheme) ? header.substr(scheme.size()) : std::string();
  // Hash both sides so the comparison takes the same time whatever the lengths.
  return !given.empty() && constant_time_equal(sha256(given), sha256(token));
}

// The archive's metadata and submission files; a data Error for anything else in it.
std::pair<SubmissionMetadata, std::vector<SubmissionFile>> unpack(std::string_view body,
                                                                  std::uint64_t max_upload) {
  std::optional<SubmissionMetadata> metadata;
  std::vector<SubmissionFile> files;
  for (auto& entry : read_tar(body, max_upload)) {
    if (entry.path == k_metadata_entry) {
      metadata = parse_submission_metadata(entry.content);
    } else if (entry.path.starts_with(k_submission_prefix)) {
      entry.path = entry.path.substr(k_submission_prefix.size());
      files.push_back(std::move(entry));
    } else {
      throw data_error(fmt::format("archive entry '{}' is neither {} nor under submission/",
                                   entry.path, k_metadata_entry));
    }
  }
  if (!metadata) throw data_error(fmt::format("archive has no {}", k_metadata_entry));
  return {*metadata, files};
}

// A submission the bridge will not take, with whose fault it is; never worth retrying.
class Refused : public std::runtime_error {
 public:
  Refused(int status, const char* fault, const std::string& message)
      : std::runtime_error(message), status(status), fault(fault) {}
  int status;
  const char* fault;
};

std::string course_code_for(SQLite::Database& db, const std::string& gradescope_course_id) {
  for (const auto& c : roster::list_courses(db)) {
    if (c.gradescope_course_id == gradescope_course_id) return c.code;
  }
  throw Refused(404, "staff",
                fmt::format("no course is linked to Gradescope course {} (see `cs351 course link`)",
                            gradescope_course_id));
}

// Metadata written in 2019 names no course: it can only be the one course linked to
// Gradescope; with several, guessing could file a grade under the wrong class.
std::string only_linked_course(SQLite::Database& db) {
  std::vector<std::string> linked;
  for (const auto& c : roster::list_courses(db)) {
    if (c.gradescope_course_id) linked.push_back(c.code);
  }
  if (linked.size() == 1) return linked.front();
  throw data_error(fmt::format(
      "submission_metadata.json has no assignment.course_id (Gradescope's 2019 format) and {} "
      "courses are linked to Gradescope{}{}: re-upload the autograder so Gradescope writes the "
      "current format, or serve each course from its own store",
      linked.size(), linked.empty() ? "" : ": ", fmt::join(linked, ", ")));
}

// "/v1/runs/42" -> 42, results false; "/v1/runs/42/results" -> 42, results true.
std::optional<std::pair<std::int64_t, bool>> run_path(std::string_view path) {
  constexpr std::string_view prefix = "/v1/runs/";
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  const auto digits = std::min(path.find_first_not_of("0123456789"), path.size());
  if (digits == 0 || digits > 18) return std::nullopt;
  const std::int64_t id = std::stoll(std::string(path.substr(0, digits)));
  path.remove_prefix(digits);
  if (path.empty()) return std::pair{id, false};
  if (path == "/results") return std::pair{id, true};
  return std::nullopt;
}

// What an Error from unpacking or enqueueing means for the client: the student's archive, the
// staff's configuration, or (nullopt) a passing trouble worth retrying.
std::optional<Refused> refusal_for(const Error& e) {
  const std::string message = e.what();
  switch (e.code()) {
    case ExitCode::data:
    case ExitCode::usage:
      if (message.find("larger than") != std::string::npos ||
          message.find("exceeds the") != std::string::npos)
        return Refused(413, "student", message);
      return Refused(400, "student", message);
    case ExitCode::config:
      return Refused(422, "staff", message);
    default:
      return std::nullopt;
  }
}

// "?wait=S": how long a results request may be held for the run to finish (0..30 s).
std::chrono::milliseconds wait_of(const HttpHead& head) {
  const std::string text = head.argument("wait");
  if (text.empty()) return std::chrono::milliseconds(0);
  if (text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(text) > k_max_wait_seconds)
    throw usage_error(fmt::format("wait={} is not a whole number of seconds from 0 to {}", text,
                                  k_max_wait_seconds));
  return std::chrono::seconds(std::stoi(text));
}

class Bridge : public HttpHandler {
 public:
  Bridge(const Config& config, const ServeOptions& options,
         const std::function<void(const std::string&)>& log)
      : m_config(config),
        m_options(options),
        m_log(log),
        m_pool(options.open_store, options.open_queue),
        m_rate(options.requests_per_second),
        m_wrong_tokens(k_wrong_tokens_per_second, k_wrong_token_burst) {}

  // A network that guessed too often first, then the token, then the rate limit, then what can
  // be told from the headers.
  std::optional<HttpAnswer> check(const HttpHead& head) override {
    if (const auto wait = m_wrong_tokens.wait(head.client); wait.count() > 0) {
      const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
      auto answer = reply_error(
          429,
          fmt::format("too many wrong bearer tokens from {}; retry in {} s", head.client, seconds));
      answer.headers.emplace_back("Retry-After", std::to_string(seconds));
      return answer;
    }
    const std::string auth = head.header("Authorization");
    if (!authorised(auth, m_options.token)) {
      m_wrong_tokens.admit(head.client);
      auto answer = refuse(head, Refused(401, "staff", "missing or wrong bearer token"));
      answer.headers.emplace_back("WWW-Authenticate", "Bearer");
      return answer;
    }
    if (!m_rate.admit(sha256(auth))) {
      auto answer = reply_error(
          429, fmt::format("more than {} requests a second (autograde.bridge_requests_per_second)",
                           m_options.requests_per_second));
      answer.headers.emplace_back("Retry-After", "1");
      return answer;
    }
    if (head.method == "POST" && head.header("Content-Type") != "application/x-tar")
      return reply_error(415, "send the submission as Content-Type: application/x-tar");
    const std::string encoding = head.header("Content-Encoding");
    if (!encoding.empty() && encoding != "gzip" && encoding != "identity")
      return reply_error(415, fmt::format("Content-Encoding '{}' is not gzip", encoding));
    const bool known = (head.method == "POST" && head.path == "/v1/runs") ||
                       (head.method == "GET" && run_path(head.path));
    if (!known)
      return reply_error(404, fmt::format("no such endpoint: {} {}", head.method, head.path));
    return std::nullopt;
  }

  HttpAnswer refuse_body(const HttpHead& head, bool too_large) override {
    return too_large ? refuse(head, Refused(413, "student",
                                            "upload larger than autograde.max_submission_size"))
                     : refuse(head, Refused(400, "student", "the body is not valid gzip"));
  }

  // Every error becomes a JSON answer, never a crash.
  HttpAnswer answer(const HttpHead& head, std::string& body) override {
    try {
      if (head.method == "POST") return create_run(body);
      const auto [id, results] = *run_path(head.path);
      return show_run(id, results, results ? wait_of(head) : std::chrono::milliseconds(0));
    } catch (const Refused& r) {
      return refuse(head, r);
    } catch (const Error& e) {
      if (auto r = refusal_for(e); r && head.method == "POST") return refuse(head, *r);
      const bool caller = e.code() == ExitCode::data || e.code() == ExitCode::usage;
      const int status = caller ? 400 : e.code() == ExitCode::temporary ? 503 : 500;
      if (!caller) m_log(fmt::format("{} {}: {}", head.method, head.path, e.what()));
      return reply_error(status, e.what());
    } catch (const std::exception& e) {
      m_log(fmt::format("{} {}: {}", head.method, head.path, e.what()));
      return reply_error(503, fmt::format("server error: {}", e.what()));
    }
  }

 private:
  // One log line and one store event per refusal (staff see it at once), and the client's
  // answer: {"error", "fault"}, a status it must not retry.
  HttpAnswer refuse(const HttpHead& head, const Refused& r) {
    m_log(fmt::format("refused {} {} from {}: {} ({}'s fault) {}", head.method, head.path,
                      head.client, r.status, r.fault, r.what()));
    try {
      auto lease = m_pool.take();
      record_refusal(lease.store().db(),
                     {system_clock().now(), r.status, r.fault, head.client, r.what()});
    } catch (const std::exception& e) {
      m_log(fmt::format("could not record the refusal in the store: {}", e.what()));
    }
    return reply(r.status, json{{"error", r.what()}, {"fault", r.fault}});
  }

  HttpAnswer create_run(std::string_view archive) {
    auto [metadata, files] = unpack(archive, m_options.max_upload);
    auto lease = m_pool.take();
    store::Store& store = lease.store();
    const auto assignment =
        find_assignment_for_gradescope(m_config, metadata.assignment_id, metadata.assignment_title);
    if (!assignment) {
      throw Refused(
          404, "staff",
          fmt::format("no [autograde.assignments.*] matches Gradescope assignment '{}' (id {})",
                      metadata.assignment_title, metadata.assignment_id));
    }
    const bool dated_2019 = metadata.course_id.empty();
    const auto course = dated_2019 ? only_linked_course(store.db())
                                   : course_code_for(store.db(), metadata.course_id);
    if (dated_2019) {
      m_log(
          fmt::format("warning: submission_metadata.json has no assignment.course_id "
                      "(2019 format): filed under {}, the only course linked to Gradescope",
                      course));
    }
    check_on_roster(store, course, metadata.emails);
    SubmissionRequest request{course, assignment->name,   metadata.emails, std::move(files),
                              {},     metadata.created_at};
    if (!metadata.submission_id.empty()) request.gradescope_submission_id = metadata.submission_id;
    const auto result = enqueue_submission(store, lease.queue(), m_config, request);
    auto body = run_json(lease.queue(), result.run);
    body["deduplicated"] = result.deduplicated;
    body["reason"] = result.reason;
    body["status_url"] = fmt::format("/v1/runs/{}", result.run.id);
    body["results_url"] = fmt::format("/v1/runs/{}/results", result.run.id);
    return reply(result.deduplicated ? 200 : 201, body);
  }

  // autograde.require_roster: a refusal the course staff must act on, or a warning in the log.
  void check_on_roster(store::Store& store, const std::string& course_code,
                       const std::vector<std::string>& emails) {
    const auto verdict = check_roster(store.db(), m_config, course_code, emails);
    if (verdict.not_on_roster.empty()) return;
    if (verdict.refuse) throw Refused(403, "staff", verdict.message);
    m_log(verdict.message);
  }

  // With `wait`, a results request not ready yet is held (the HTTP layer asks again) until the
  // run finishes or `wait` passes.
  HttpAnswer show_run(std::int64_t id, bool results, std::chrono::milliseconds wait) {
    auto lease = m_pool.take();
    auto& queue = lease.queue();
    queue.reap_expired(system_clock());
    const auto run = queue.find(id);
    if (!run) return reply_error(404, fmt::format("no run {}", id));
    if (!results) return reply(200, run_json(queue, *run));
    if (auto text = results_for(*run)) return {200, *text, {}};
    auto pending = reply(202, run_json(queue, *run));
    pending.hold = wait;
    pending.hold_key = id;
    return pending;
  }

  std::vector<std::int64_t> still_waiting(const std::vector<std::int64_t>& ids) override {
    auto lease = m_pool.take();
    return lease.queue().unfinished_among(ids);
  }

  const Config& m_config;
  const ServeOptions& m_options;
  const std::function<void(const std::string&)>& m_log;
  ConnectionPool m_pool;
  RequestRate m_rate;
  RequestRate m_wrong_tokens;  // per client network
};

// A token short enough to guess lets anyone on the internet submit as any student.
void check_token(const std::string& token) {
  if (token.size() >= k_min_token_length) return;
  throw config_error(fmt::format(
      "autograde.token {} (env CS351_AUTOGRADE_TOKEN); the bridge needs at least {} characters. "
      "Make one with `openssl rand -hex 32` and put it in "
      "config.toml under [autograde] as token = \"...\" (`cs351 init` writes one into a new "
      "config)",
      token.empty() ? "is not set" : fmt::format("is only {} characters", token.size()),
      k_min_token_length));
}

}  // namespace

void parse_listen(const std::string& listen, ServeOptions& options) {
  const auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos && colon > 0 && colon + 1 < listen.size() &&
      colon + 6 >= listen.size()) {
    const std::string digits = listen.substr(colon + 1);
    if (digits.find_first_not_of("0123456789") == std::string::npos) port = std::stoi(digits);
  }
  if (port < 0 || port > 65535)
    throw usage_error(fmt::format("listen address '{}' is not HOST:PORT", listen));
  options.host = listen.substr(0, colon);
  options.port = port;
}

ServeOptions serve_options(const Config& config) {
  ServeOptions o;
  o.token = config.get(keys::token).value_or("");
  o.max_upload = config.value(keys::max_submission_size);
  o.header_timeout = config.value(keys::bridge_header_timeout);
  o.body_timeout = config.value(keys::bridge_body_timeout);
  o.connections_per_client =
      static_cast<unsigned>(config.value(keys::bridge_connections_per_client));
  o.requests_per_second = config.value(keys::bridge_requests_per_second);
  o.tls = {config.get(keys::tls_cert).value_or(""), config.get(keys::tls_key).value_or("")};
  return o;
}

Transport transport_of(const ServeOptions& options) {
  if (options.tls.enabled() != !options.tls.key.empty()) return Transport::half_tls;
  if (options.tls.enabled()) return Transport::tls;
  if (is_loopback(options.host)) return Transport::plain_loopback;
  return options.insecure_http ? Transport::plain_allowed : Transport::plain_refused;
}

namespace {

// Plain HTTP would carry the token and every student's code in clear: only on loopback (behind a
// TLS proxy) unless the operator says otherwise.
void check_transport(const ServeOptions& options) {
  const Transport transport = transport_of(options);
  if (transport == Transport::half_tls)
    throw config_error("a TLS certificate needs its key and a key its certificate");
  if (transport == Transport::plain_refused)
    throw config_error(fmt::format(
        "refusing plain HTTP on {}: serve TLS, or listen on loopback behind a TLS proxy",
        options.host));
}

void reload_certificate(HttpServer& server, const ServeOptions& options,
                        const std::function<void(const std::string&)>& log) {
  if (!options.tls.enabled()) {
    log("SIGHUP: no TLS certificate to reload (plain HTTP)");
    return;
  }
  try {
    server.reload_tls();
    log(fmt::format("reloaded the TLS certificate {} and key {}", options.tls.cert,
                    options.tls.key));
  } catch (const Error& e) {
    log(fmt::format("kept the previous TLS certificate: {}", e.what()));
  }
}

}  // namespace

void serve(const Config& config, const ServeOptions& options, const ServeSignals& signals,
           const std::function<void(const std::string&)>& log) {
  check_token(options.token);
  check_transport(options);
  Bridge bridge(config, options, log);
  HttpLimits limits;
  limits.header_timeout = options.header_timeout;
  limits.body_timeout = options.body_timeout;
  limits.connections_per_client = options.connections_per_client;
  // Room for the metadata and tar headers around the largest submission.
  limits.max_body = static_cast<std::size_t>(options.max_upload + (1 << 20));
  HttpServer server(options.host, options.port, limits, options.tls, bridge);
  log(fmt::format("listening on {}://{}:{}", options.tls.enabled() ? "https" : "http", options.host,
                  server.port()));
  while (!signals.stop) {
    if (signals.reload.exchange(false)) reload_certificate(server, options, log);
    server.tick();
    std::this_thread::sleep_for(k_tick);
  }
}

}  // namespace cs351::autograde
