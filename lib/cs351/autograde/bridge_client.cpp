#include "cs351/autograde/bridge_client.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "cs351/autograde/results.h"
#include "cs351/autograde/tar.h"
#include "cs351/core/backoff.h"
#include "cs351/core/duration.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

constexpr milliseconds k_first_pause{250};
constexpr milliseconds k_max_pause{5'000};
// Polls ask the server to hold the request until the result is ready (a server
// that ignores ?wait answers at once), so the client's own pause stays short.
// Near the deadline the server is asked to answer 2 s before it.
constexpr milliseconds k_max_poll_pause{1'000};
constexpr long long k_long_poll_seconds = 20;
constexpr milliseconds k_max_request{30'000};

// Worth asking again: the server is busy, rate-limiting, or broken for now.
bool retryable(long status) {
  return status >= 500 || status == 429 || status == 408;
}

// Whose fault a refusal is: the server's "fault" when it says, else the
// status (older servers): a refused token or unknown assignment is staff's.
Fault fault_of(const HttpResponse& r) {
  const auto body = parse_json(r.body);
  if (body.is_object() && body.contains("fault") && body["fault"].is_string()) {
    const auto fault = body["fault"].get<std::string>();
    if (fault == "student") return Fault::student;
    if (fault == "staff") return Fault::staff;
  }
  const bool student = r.status == 400 || r.status == 413 || r.status == 415;
  return student ? Fault::student : Fault::staff;
}

// The server's Retry-After in whole seconds, when it sent one.
std::optional<milliseconds> retry_after(const HttpResponse& r) {
  const auto value = r.header("retry-after");
  if (!value || value->empty() || value->size() > 6 ||
      value->find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::chrono::seconds(std::stoi(*value));
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "[::1]" ||
         (host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string::npos);
}

// The server's {"error": ...} when it sent one, else the status line.
std::string server_error(const HttpResponse& r) {
  const auto body = parse_json(r.body);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    return fmt::format("HTTP {}: {}", r.status, body["error"].get<std::string>());
  }
  return fmt::format("HTTP {}", r.status);
}

class Submission {
 public:
  Submission(HttpClient& http, const SubmitOptions& options, const Sleeper& sleep)
      : m_http(http),
        m_options(options),
        m_sleep(sleep ? sleep : real_sleeper()),
        m_deadline(Steady::now() + options.deadline) {}

  SubmitReport run() {
    if (m_options.token.empty()) {
      return refuse(ExitCode::config, "autograde.token is not set (env CS351_AUTOGRADE_TOKEN)",
                    Fault::staff);
    }
    if (const auto problem = insecure_server(m_options.server))
      return refuse(ExitCode::config, *problem, Fault::staff);
    std::string archive;
    try {
      archive = build_archive();
    } catch (const Error& e) {
      return refuse(ExitCode::data, fmt::format("cannot read the submission: {}", e.what()),
                    Fault::student);
    }
    auto created = post(archive);
    if (!created) return m_failure;
    return poll(*created);
  }

 private:
  std::string build_archive() const {
    std::vector<SubmissionFile> files{
        {"submission_metadata.json", read_input(m_options.metadata.string()), false}};
    for (auto& f : read_submission_dir(m_options.submission_dir, m_options.max_upload)) {
      f.path = "submission/" + f.path;
      files.push_back(std::move(f));
    }
    return write_tar(files);
  }

  HttpRequest request(const std::string& method, const std::string& path) const {
    HttpRequest r;
    r.method = method;
    r.url = m_options.server + path;
    r.headers = {{"Authorization", "Bearer " + m_options.token}, {"Accept", "application/json"}};
    r.timeout = std::clamp(remaining(), milliseconds(1), k_max_request);
    return r;
  }

  milliseconds remaining() const {
    return std::chrono::duration_cast<milliseconds>(m_deadline - Steady::now());
  }

  // Sends `r`, retrying transport errors, 5xx, 408 and 429 (the bridge's rate limit) with
  // backoff, or after the server's Retry-After, until the deadline. Nullopt (with m_failure
  // set) when it gives up.
  std::optional<HttpResponse> send_with_retry(HttpRequest r) {
    std::string last_problem = "no time left";
    for (int attempt = 1; remaining() > milliseconds(0); ++attempt) {
      r.timeout = std::clamp(remaining(), milliseconds(1), k_max_request);
      auto pause = backoff_delay({k_first_pause, k_max_pause, false}, attempt);
      try {
        auto response = m_http.send(r);
        m_reached = true;
        if (!retryable(response.status)) return response;
        last_problem = server_error(response);
        pause = retry_after(response).value_or(pause);
      } catch (const HttpTransportError& e) {
        last_problem = e.what();
      }
      if (!wait(pause)) break;
    }
    fail(m_reached ? ExitCode::temporary : ExitCode::unavailable,
         m_reached ? fmt::format("the grading server did not answer within {} (last: {})",
                                 format_duration(m_options.deadline), last_problem)
                   : fmt::format("could not reach the grading server at {}: {}", m_options.server,
                                 last_problem));
    return std::nullopt;
  }

  // Sleeps `pause` unless that would pass the deadline; false when no time is left.
  bool wait(milliseconds pause) {
    const auto left = remaining();
    if (left <= milliseconds(0)) return false;
    const auto d = std::min(pause, left);
    m_sleep(d);
    return true;
  }

  std::optional<std::string> post(const std::string& archive) {
    auto r = request("POST", "/v1/runs");
    r.headers.emplace_back("Content-Type", "application/x-tar");
    r.body = archive;
    auto response = send_with_retry(r);
    if (!response) return std::nullopt;
    const auto body = parse_json(response->body);
    if (response->status >= 400) {
      const auto fault = fault_of(*response);
      refuse(response->status == 401 ? ExitCode::no_perm
             : fault == Fault::staff ? ExitCode::config
                                     : ExitCode::data,
             server_error(*response), fault);
      return std::nullopt;
    }
    if ((response->status != 200 && response->status != 201) || !body.is_object() ||
        !body.contains("results_url") || !body["results_url"].is_string()) {
      fail(ExitCode::data,
           fmt::format("the grading server sent an unusable answer: {}", server_error(*response)));
      return std::nullopt;
    }
    m_report.run_id = body.value("run_id", std::int64_t{0});
    m_report.deduplicated = body.value("deduplicated", false);
    return body["results_url"].get<std::string>();
  }

  std::string poll_url(const std::string& results_url) const {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(remaining()).count();
    return fmt::format("{}{}wait={}", results_url,
                       results_url.find('?') == std::string::npos ? '?' : '&',
                       std::clamp<long long>(left - 2, 0, k_long_poll_seconds));
  }

  SubmitReport poll(const std::string& results_url) {
    milliseconds pause = k_first_pause;
    for (;;) {
      if (remaining() <= milliseconds(0)) return too_slow();
      auto response = send_with_retry(request("GET", poll_url(results_url)));
      if (!response) return m_failure;
      if (response->status == 200) return deliver(response->body);
      if (response->status != 202) {
        return fail(ExitCode::data,
                    fmt::format("the grading server lost run {}: {}", m_report.run_id.value_or(0),
                                server_error(*response)));
      }
      if (!wait(pause)) return too_slow();
      pause = std::min(pause * 3 / 2, k_max_poll_pause);
    }
  }

  SubmitReport too_slow() {
    return fail(ExitCode::temporary,
                fmt::format("run {} did not finish within {}", m_report.run_id.value_or(0),
                            format_duration(m_options.deadline)));
  }

  SubmitReport deliver(const std::string& text) {
    GraderResults results;
    try {
      results = validate_results(text);
      write_results_file(m_options.results_path, results.json);
    } catch (const Error& e) {
      return fail(ExitCode::data,
                  fmt::format("the grading server sent unusable results: {}", e.what()));
    }
    if (const auto error = failure_of(results.json)) {
      // The failure page is written; the exit status tells a refused
      // results.json (the grader's fault) from any other failed run.
      m_report.code = is_invalid_results_error(*error) ? ExitCode::data : ExitCode::failure;
      m_report.message = fmt::format("run {} failed: {}", m_report.run_id.value_or(0), *error);
      return m_report;
    }
    m_report.message = fmt::format("run {}: results written to {}", m_report.run_id.value_or(0),
                                   m_options.results_path.string());
    return m_report;
  }

  // Writes the failure result; the report (kept in m_failure too) says why.
  SubmitReport fail(ExitCode code, const std::string& message) {
    return finish(code, message, failure_results(message));
  }

  // Writes the result of a refusal that retrying cannot fix, naming whose fault it is.
  SubmitReport refuse(ExitCode code, const std::string& message, Fault fault) {
    return finish(code, message, refused_results(message, fault));
  }

  SubmitReport finish(ExitCode code, const std::string& message, const std::string& results) {
    m_report.code = code;
    m_report.message = message;
    write_results_file(m_options.results_path, results);
    m_failure = m_report;
    return m_report;
  }

  HttpClient& m_http;
  const SubmitOptions& m_options;
  Sleeper m_sleep;
  Steady::time_point m_deadline;
  bool m_reached = false;  // the server answered at least once
  SubmitReport m_report;
  SubmitReport m_failure;
};

}  // namespace

std::optional<std::string> insecure_server(const std::string& server) {
  constexpr std::string_view http = "http://";
  if (server.starts_with("https://")) return std::nullopt;
  if (!server.starts_with(http))
    return fmt::format("the grading server URL '{}' must start with https://", server);
  const auto rest = std::string_view(server).substr(http.size());
  const auto host_end = rest.starts_with('[') ? rest.find(']') + 1 : rest.find_first_of(":/");
  if (is_loopback_host(rest.substr(0, host_end))) return std::nullopt;
  return fmt::format(
      "the grading server URL '{}' is plain http:// to a host that is not loopback: the bridge "
      "token would cross the network unencrypted; use https://",
      server);
}

SubmitReport submit(HttpClient& http, const SubmitOptions& options, const Sleeper& sleep) {
  return Submission(http, options, sleep).run();
}

}  // namespace cs351::autograde
