#include "cs351/autograde/grading.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "cs351/autograde/results.h"
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
  if (!r.note.empty()) header += "[cs351] " + r.note + "\n";
  return header;
}

std::optional<std::string> failure_reason(const GraderResult& r, bool has_results,
                                          const AssignmentConfig& a) {
  if (r.stopped) return "stopped: the run was cancelled or its lease was lost";
  if (r.timed_out) return fmt::format("timed out after {}", format_duration(a.timeout));
  if (r.signal) return fmt::format("grader crashed: signal {}", *r.signal);
  if (!has_results) {
    return *r.exit_code == 0
               ? std::string("grader wrote no results.json")
               : fmt::format("grader crashed: exit {} (no results.json)", *r.exit_code);
  }
  return std::nullopt;
}

std::optional<std::string> read_results(const fs::path& path, std::uintmax_t& size) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  size = fs::file_size(path, ec);
  if (ec || size > k_max_results_bytes) return std::string();  // judged by size, never loaded
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::pair<std::string, std::string>> grader_env(const Run& run, const fs::path& dir) {
  std::string emails;
  for (const auto& s : run.students) emails += (emails.empty() ? "" : ",") + s;
  return {{"CS351_SUBMISSION_DIR", (dir / "submission").string()},
          {"CS351_RESULTS_PATH", (dir / "results" / "results.json").string()},
          {"CS351_STUDENT_EMAILS", emails},
          {"CS351_ASSIGNMENT", run.assignment},
          {"CS351_RUN_ID", std::to_string(run.id)}};
}

Outcome grade_in(const fs::path& dir, const Run& run, const AssignmentConfig& assignment,
                 const GradingContext& context) {
  write_submission_dir(context.artifacts.get_submission(run.submission), dir / "submission");
  fs::create_directories(dir / "results");
  GraderSpec spec;
  spec.command = assignment.command;
  spec.workdir = dir;
  spec.env = grader_env(run, dir);
  spec.timeout = assignment.timeout;
  spec.memory_bytes = assignment.memory_bytes;
  spec.network = assignment.network;
  spec.isolation = context.isolation;
  spec.keep_going = context.keep_going;
  const GraderResult result = run_grader(spec);
  std::uintmax_t size = 0;
  const auto results = read_results(dir / "results" / "results.json", size);
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
  const fs::path dir = context.work_root / fmt::format("run-{}-{}", run.id, run.attempt);
  Outcome out;
  try {
    fs::remove_all(dir);
    out = grade_in(dir, run, assignment, context);
  } catch (const std::exception& e) {
    out = Outcome{};
    out.error = fmt::format("worker error: {}", e.what());
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return out;
}

}  // namespace cs351::autograde
