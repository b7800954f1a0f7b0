#include "cs351/autograde/grading.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs351/autograde/results.h"
#include "cs351/autograde/run_dir.h"
#include "cs351/core/backoff.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

std::string log_header(const GraderResult& r) {
  std::string status = r.exit_code ? fmt::format("exit {}", *r.exit_code)
                                   : fmt::format("signal {}", r.signal.value_or(0));
  std::string header = fmt::format("[cs351] isolation {}, {}, {} ms\n", isolation_name(r.isolation),
                                   status, r.elapsed.count());
  header += fmt::format("[cs351] limits: {}\n", r.limits);
  if (!r.note.empty()) header += "[cs351] " + r.note + "\n";
  return header;
}

std::optional<std::string> failure_reason(const GraderResult& r, bool has_results,
                                          const AssignmentConfig& a) {
  if (r.stopped) return "stopped: the run was cancelled or its lease was lost";
  if (r.timed_out) return fmt::format("timed out after {}", format_duration(a.timeout));
  if (r.disk_exceeded)
    return fmt::format("disk limit exceeded: the grader wrote over {}", format_size(a.limits.disk));
  if (r.memory_exceeded && r.signal)
    return fmt::format("memory limit: the run used over {}",
                       format_size(a.limits.memory_bytes.value_or(0)));
  if (r.signal) return fmt::format("grader crashed: signal {}", *r.signal);
  if (!has_results) {
    return *r.exit_code == 0
               ? std::string("grader wrote no results.json")
               : fmt::format("grader crashed: exit {} (no results.json)", *r.exit_code);
  }
  return std::nullopt;
}

// The grader controls the run directory: results.json (or results/) may be a
// symlink to a host file, a FIFO or a device. Only a regular file reached
// without following links is read.
std::optional<std::string> read_results(const fs::path& run_dir, std::uintmax_t& size) {
  const int dir =
      ::open((run_dir / "results").c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return std::nullopt;
  const int fd = ::openat(dir, "results.json", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  ::close(dir);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    size = static_cast<std::uintmax_t>(st.st_size);
    out = std::string();  // over the limit: judged by size, never loaded
    char buf[65536];
    ssize_t n = 0;
    while (size <= k_max_results_bytes && (n = ::read(fd, buf, sizeof buf)) > 0)
      out->append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

EnvList grader_env(const Run& run, const AssignmentConfig& assignment, const fs::path& dir) {
  std::string emails;
  for (const auto& s : run.students) emails += (emails.empty() ? "" : ",") + s;
  EnvList env = assignment.env;
  env.insert(env.end(), {{"CS351_SUBMISSION_DIR", (dir / "submission").string()},
                         {"CS351_RESULTS_PATH", (dir / "results" / "results.json").string()},
                         {"CS351_STUDENT_EMAILS", emails},
                         {"CS351_ASSIGNMENT", run.assignment},
                         {"CS351_RUN_ID", std::to_string(run.id)}});
  return env;
}

// A queue that is restarting (a PostgreSQL restart or failover) answers "unavailable" for a
// moment: the submission is fetched again while the run's lease holds, so a short outage does not
// fail a student's run as a worker error.
std::vector<SubmissionFile> fetch_submission(const Run& run, const GradingContext& context) {
  const BackoffPolicy policy{std::chrono::milliseconds(100), std::chrono::milliseconds(2'000),
                             true};
  for (int attempt = 1;; ++attempt) {
    try {
      return context.artifacts.get_submission(run.submission);
    } catch (const Error& e) {
      const bool lease_held = !context.keep_going || context.keep_going();
      if (e.code() != ExitCode::unavailable || attempt == 8 || !lease_held) throw;
      context.sleep(backoff_delay(policy, attempt));
    }
  }
}

Outcome grade_in(const fs::path& dir, const Run& run, const AssignmentConfig& assignment,
                 const GradingContext& context) {
  const bool own_fs =
      make_run_dir(dir, assignment.limits.disk, context.isolation == Isolation::sandbox);
  write_submission_dir(fetch_submission(run, context), dir / "submission");
  fs::create_directories(dir / "results");
  GraderSpec spec;
  spec.command = assignment.command;
  spec.workdir = dir;
  spec.timeout = assignment.timeout;
  spec.limits = assignment.limits;
  spec.network = assignment.network;
  spec.read_only = assignment.read_only;
  spec.isolation = context.isolation;
  spec.student_dir = "submission";
  spec.own_filesystem = own_fs;
  spec.keep_going = context.keep_going;
  spec.slots = context.slots;
  spec.env = grader_env(run, assignment, grader_view(spec));
  const GraderResult result = run_grader(spec);
  std::uintmax_t size = 0;
  const auto results = read_results(dir, size);
  return judge(result, results, size, assignment);
}

}  // namespace

Outcome judge(const GraderResult& result, const std::optional<std::string>& results,
              std::uintmax_t results_size, const AssignmentConfig& assignment) {
  Outcome out;
  out.log = log_header(result) + result.output;
  if (auto reason = failure_reason(result, results.has_value(), assignment)) {
    out.error = *reason;
    return out;
  }
  if (results_size > k_max_results_bytes) {
    out.error = fmt::format("invalid results.json: {} bytes, over the {} byte limit", results_size,
                            k_max_results_bytes);
    return out;
  }
  try {
    const auto valid = validate_results(*results);
    out.status = RunStatus::succeeded;
    out.score = valid.score;
    out.results = valid.json;
  } catch (const Error& e) {
    out.error = fmt::format("invalid {}", e.what());
  }
  return out;
}

Outcome grade(const Run& run, const AssignmentConfig& assignment, const GradingContext& context) {
  const fs::path dir = run_dir_path(context.work_root, run.id, run.attempt);
  Outcome out;
  try {
    remove_run_dir(dir);
    out = grade_in(dir, run, assignment, context);
  } catch (const std::exception& e) {
    out = Outcome{};
    out.error = fmt::format("worker error: {}", e.what());
  }
  remove_run_dir(dir);
  return out;
}

}  // namespace cs351::autograde
