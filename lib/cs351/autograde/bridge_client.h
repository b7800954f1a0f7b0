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

// Sleeps are injected so tests need not wait; the default really sleeps.

// Never throws for anything the network or the server does: every path ends
// with results_path written (and the report saying which path it was).
SubmitReport submit(HttpClient& http, const SubmitOptions& options, const Sleeper& sleep = {});

}  // namespace cs351::autograde
