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
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

constexpr milliseconds k_first_pause{250};
constexpr milliseconds k_max_pause{5'000};
constexpr milliseconds k_max_request{30'000};
// The bridge holds a results request up to this long for the run to finish (long-poll), so a
// result arrives as soon as the grader is done.
constexpr std::chrono::seconds k_max_wait{20};

// The server's {"error": ...} when it sent one, else the status line.
std::string server_error(const HttpResponse& r) {
  const auto body = parse_json(r.body);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    return fmt::format("HTTP {}: {}", r.status, body["error"].get<std::string>());
  }
  return fmt::format("HTTP {}", r.status);
}

// Why the bridge refused a submission, in words for the results page: a refusal that is the
// staff's fault ({"fault": "staff"}) cannot be helped by resubmitting.
std::string refusal_text(const HttpResponse& r) {
  const auto body = parse_json(r.body);
  const bool staff = body.is_object() && body.value("fault", "") == "staff";
  return fmt::format("{}: {}",
                     staff ? "the course staff must fix the autograder configuration"
                           : "the grading server refused the submission",
                     server_error(r));
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
      return fail(ExitCode::config, "autograde.token is not set (env CS351_AUTOGRADE_TOKEN)");
    }
    std::string archive;
    try {
      archive = build_archive();
    } catch (const Error& e) {
      return fail(ExitCode::data, fmt::format("cannot read the submission: {}", e.what()));
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

  // Sends `r`, retrying transport errors, 5xx, 408 and 429 (the bridge's rate limit) with backoff
  // until the deadline. Nullopt (with m_failure set) when it gives up.
  std::optional<HttpResponse> send_with_retry(HttpRequest r) {
    std::string last_problem = "no time left";
    for (int attempt = 1; remaining() > milliseconds(0); ++attempt) {
      r.timeout = std::clamp(remaining(), milliseconds(1), k_max_request);
      try {
        auto response = m_http.send(r);
        m_reached = true;
        if (response.status < 500 && response.status != 429 && response.status != 408)
          return response;
        last_problem = server_error(response);
      } catch (const HttpTransportError& e) {
        last_problem = e.what();
      }
      if (!wait(backoff_delay({k_first_pause, k_max_pause, false}, attempt))) break;
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
    if ((response->status != 200 && response->status != 201) || !body.is_object() ||
        !body.contains("results_url") || !body["results_url"].is_string()) {
      fail(response->status == 401 ? ExitCode::no_perm : ExitCode::data, refusal_text(*response));
      return std::nullopt;
    }
    m_report.run_id = body.value("run_id", std::int64_t{0});
    m_report.deduplicated = body.value("deduplicated", false);
    return body["results_url"].get<std::string>();
  }

  // How long the bridge may hold the next results request: up to k_max_wait, leaving a second
  // of the deadline to write the failure result.
  std::chrono::seconds hold() const {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(remaining()) - 1s;
    return std::clamp(left, 0s, k_max_wait);
  }

  // Long-polls while time allows (the bridge answers the moment the run is done); a short
  // pause between the bridge's 202s, growing only when nothing was held.
  SubmitReport poll(const std::string& results_url) {
    milliseconds pause = k_first_pause;
    for (;;) {
      if (remaining() <= milliseconds(0)) return too_slow();
      const auto held = hold();
      auto response =
          send_with_retry(request("GET", fmt::format("{}?wait={}", results_url, held.count())));
      if (!response) return m_failure;
      if (response->status == 200) return deliver(response->body);
      if (response->status != 202) {
        return fail(ExitCode::data,
                    fmt::format("the grading server lost run {}: {}", m_report.run_id.value_or(0),
                                server_error(*response)));
      }
      if (!wait(pause)) return too_slow();
      if (held == 0s) pause = std::min(pause * 3 / 2, k_max_pause);
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
    m_report.code = code;
    m_report.message = message;
    write_results_file(m_options.results_path, failure_results(message));
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

SubmitReport submit(HttpClient& http, const SubmitOptions& options, const Sleeper& sleep) {
  return Submission(http, options, sleep).run();
}

}  // namespace cs351::autograde
