#pragma once
// What Gradescope's run_autograder calls: send the submission to the bridge,
// poll for the result with backoff, and ALWAYS write results.json -- the real
// one, or a failure result saying why (server down, rejected, too slow).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "cs351/core/error.h"
#include "cs351/core/http_client.h"
#include "cs351/core/sleeper.h"

namespace cs351::autograde {

struct SubmitOptions {
  std::string server;  // base URL, e.g. https://grader.example.edu:8351
  std::string token;
  std::filesystem::path metadata;                     // /autograder/submission_metadata.json
  std::filesystem::path submission_dir;               // /autograder/submission
  std::filesystem::path results_path;                 // /autograder/results/results.json
  std::chrono::milliseconds deadline{9 * 60 * 1000};  // set below Gradescope's own timeout
  std::uint64_t max_upload = 100ULL << 20;
};

struct SubmitReport {
  ExitCode code = ExitCode::ok;  // ok: the grader's results were written
  std::optional<std::int64_t> run_id;
  bool deduplicated = false;
  std::string message;  // one line for the log
};

// Why `server` must not carry the bridge token, or nullopt when it may: the
// scheme must be https://, or http:// to a loopback host (127.0.0.0/8, ::1,
// localhost), where nothing crosses a network. Both clients (submit and the
// packaged one) and `package` apply it.
std::optional<std::string> insecure_server(const std::string& server);

// Sleeps are injected so tests need not wait; the default really sleeps.

// Never throws for anything the network or the server does: every path ends
// with results_path written (and the report saying which path it was).
// A refusal (4xx other than 408 and 429) ends at once: exit 77 for a refused
// token, 78 for the staff's configuration, 65 for the student's submission
// (the server's "fault", else the status: 401/403/404/422 staff, others student).
SubmitReport submit(HttpClient& http, const SubmitOptions& options, const Sleeper& sleep = {});

}  // namespace cs351::autograde
