#include "cs351/autograde/bridge_server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/gradescope_metadata.h"
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

// One store connection per concurrent request, reused (opening one per request costs a migration
// check).
class StorePool {
 public:
  explicit StorePool(store::StoreFactory open) : m_open(std::move(open)) {}

  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> store)
        : m_pool(pool), m_store(std::move(store)) {}
    ~Lease() { m_pool.give_back(std::move(m_store)); }
    store::Store& operator*() { return *m_store; }

   private:
    StorePool& m_pool;
    std::unique_ptr<store::Store> m_store;
  };

  Lease take() {
    {
      std::lock_guard lock(m_mutex);
      if (!m_free.empty()) {
        auto store = std::move(m_free.back());
        m_free.pop_back();
        return Lease(*this, std::move(store));
      }
    }
    return Lease(*this, m_open());
  }

 private:
  void give_back(std::unique_ptr<store::Store> store) {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(store));
  }

  store::StoreFactory m_open;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<store::Store>> m_free;
};

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
  reply(res, status, json{{"error", message}});
}

bool authorised(const httplib::Request& req, const std::string& token) {
  const std::string header = req.get_header_value("Authorization");
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

std::string course_code_for(SQLite::Database& db, const std::string& gradescope_course_id) {
  for (const auto& c : roster::list_courses(db)) {
    if (c.gradescope_course_id == gradescope_course_id) return c.code;
  }
  throw data_error(
      fmt::format("no course is linked to Gradescope course {} (see `cs351 course link`)",
                  gradescope_course_id));
}

class Bridge {
 public:
  Bridge(const Config& config, const ServeOptions& options,
         const std::function<void(const std::string&)>& log)
      : m_config(config), m_options(options), m_log(log), m_pool(options.open_store) {}

  void create_run(const httplib::Request& req, httplib::Response& res) {
    auto [metadata, files] = unpack(req.body, m_options.max_upload);
    auto lease = m_pool.take();
    store::Store& store = *lease;
    const auto assignment =
        find_assignment_for_gradescope(m_config, metadata.assignment_id, metadata.assignment_title);
    if (!assignment) {
      throw data_error(
          fmt::format("no [autograde.assignments.*] matches Gradescope assignment '{}' (id {})",
                      metadata.assignment_title, metadata.assignment_id));
    }
    SubmissionRequest request{course_code_for(store.db(), metadata.course_id),
                              assignment->name,
                              metadata.emails,
                              std::move(files),
                              {},
                              metadata.created_at};
    if (!metadata.submission_id.empty()) request.gradescope_submission_id = metadata.submission_id;
    const auto result = enqueue_submission(store, m_config, request);
    auto body = run_json(store.db(), result.run);
    body["deduplicated"] = result.deduplicated;
    body["reason"] = result.reason;
    body["status_url"] = fmt::format("/v1/runs/{}", result.run.id);
    body["results_url"] = fmt::format("/v1/runs/{}/results", result.run.id);
    reply(res, result.deduplicated ? 200 : 201, body);
  }

  void show_run(const httplib::Request& req, httplib::Response& res, bool results) {
    auto lease = m_pool.take();
    auto& db = (*lease).db();
    const std::int64_t id = std::stoll(req.matches[1]);
    reap_expired(db, system_clock());
    const auto run = find_run(db, id);
    if (!run) return reply_error(res, 404, fmt::format("no run {}", id));
    if (!results) return reply(res, 200, run_json(db, *run));
    if (auto text = results_for(*run)) {
      res.status = 200;
      res.set_content(*text, "application/json");
      return;
    }
    reply(res, 202, run_json(db, *run));
  }

  // Runs `handler`, turning every error into a JSON answer (never a crash).
  template <typename Handler>
  httplib::Server::Handler guarded(Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const Error& e) {
        const bool caller = e.code() == ExitCode::data || e.code() == ExitCode::usage;
        const int status = caller ? 400 : e.code() == ExitCode::temporary ? 503 : 500;
        if (!caller) m_log(fmt::format("{} {}: {}", req.method, req.path, e.what()));
        reply_error(res, status, e.what());
      } catch (const std::exception& e) {
        m_log(fmt::format("{} {}: {}", req.method, req.path, e.what()));
        reply_error(res, 503, fmt::format("server error: {}", e.what()));
      }
    };
  }

 private:
  const Config& m_config;
  const ServeOptions& m_options;
  const std::function<void(const std::string&)>& m_log;
  StorePool m_pool;
};

void route(httplib::Server& server, Bridge& bridge, const ServeOptions& options) {
  server.set_pre_routing_handler([&options](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      reply_error(res, 401, "missing or wrong bearer token");
      return httplib::Server::HandlerResponse::Handled;
    }
    // Decided before the body is read (httplib would parse a form body itself).
    if (req.method == "POST" && req.get_header_value("Content-Type") != "application/x-tar") {
      reply_error(res, 415, "send the submission as Content-Type: application/x-tar");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Post("/v1/runs", bridge.guarded([&bridge](const auto& req, auto& res) {
    bridge.create_run(req, res);
  }));
  server.Get(R"(/v1/runs/(\d{1,18}))", bridge.guarded([&bridge](const auto& req, auto& res) {
    bridge.show_run(req, res, false);
  }));
  server.Get(
      R"(/v1/runs/(\d{1,18})/results)",
      bridge.guarded([&bridge](const auto& req, auto& res) { bridge.show_run(req, res, true); }));
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413)
      return reply_error(res, 413, "upload larger than autograde.max_submission_size");
    if (res.status == 404)
      return reply_error(res, 404, fmt::format("no such endpoint: {} {}", req.method, req.path));
    reply_error(res, res.status, fmt::format("HTTP {}", res.status));
  });
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

void serve(const Config& config, const ServeOptions& options, const std::atomic<bool>& stop,
           const std::function<void(const std::string&)>& log) {
  if (options.token.empty()) {
    throw config_error(
        "autograde.token is not set (env CS351_AUTOGRADE_TOKEN); the bridge refuses to run without "
        "it");
  }
  httplib::Server server;
  // httplib's default adds SO_REUSEPORT, which would let a second `serve` share
  // the port silently; a busy port must be an error instead.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // Room for the metadata and tar headers around the largest submission.
  server.set_payload_max_length(static_cast<std::size_t>(options.max_upload + (1 << 20)));
  Bridge bridge(config, options, log);
  route(server, bridge, options);
  const int port = options.port == 0
                       ? server.bind_to_any_port(options.host)
                       : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port <= 0)
    throw unavailable_error(fmt::format("cannot listen on {}:{}", options.host, options.port));
  log(fmt::format("listening on http://{}:{}", options.host, port));
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!stop && !done) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  server.listen_after_bind();
  done = true;
  watcher.join();
}

}  // namespace cs351::autograde
