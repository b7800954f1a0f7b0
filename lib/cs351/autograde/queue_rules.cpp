#include "cs351/autograde/queue_rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/roster/email.h"

namespace cs351::autograde {

std::vector<std::string> normalised_students(const std::vector<std::string>& emails) {
  std::vector<std::string> out;
  for (const auto& raw : emails) {
    const std::string email = roster::normalize_email(raw);
    const auto atsign = email.find('@');
    const bool ok = atsign != std::string::npos && atsign > 0 && atsign + 1 < email.size() &&
                    email.find('@', atsign + 1) == std::string::npos &&
                    std::none_of(email.begin(), email.end(),
                                 [](unsigned char c) { return c <= 0x20 || c == ','; });
    if (!ok) throw usage_error(fmt::format("'{}' is not an email address", raw));
    out.push_back(email);
  }
  if (out.empty()) throw usage_error("a run needs at least one student");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string students_key(const std::vector<std::string>& sorted_emails) {
  return fmt::format("{}", fmt::join(sorted_emails, ","));
}

std::string double_submit_reason(std::int64_t run_id, std::chrono::milliseconds ago) {
  return fmt::format("double submit: same files and students as run {} ({} earlier)", run_id,
                     format_duration(std::chrono::floor<std::chrono::seconds>(ago)));
}

std::string new_run_reason(std::chrono::milliseconds window, const std::optional<Overlap>& overlap,
                           const std::string& submission, const std::string& key) {
  if (window.count() <= 0) return "new run: deduplication is off (dedupe_window 0s)";
  if (!overlap) {
    return fmt::format("new run: no run of these students for this assignment in the last {}",
                       format_duration(window));
  }
  const bool files = overlap->submission != submission;
  const bool people = overlap->students_key != key;
  return fmt::format("new run: run {} (within {}) has {}", overlap->run_id, format_duration(window),
                     files && people ? "other files and other students"
                     : files         ? "other files"
                                     : "other students");
}

std::string regrade_reason(std::int64_t run_id) {
  return fmt::format("regrade of run {}", run_id);
}

void require_cancellable(std::int64_t run_id, RunStatus status) {
  if (is_finished(status)) {
    throw usage_error(
        fmt::format("run {} is already {}; nothing to cancel", run_id, status_name(status)));
  }
}

void require_retryable(std::int64_t run_id, RunStatus status) {
  if (status != RunStatus::failed && status != RunStatus::cancelled) {
    throw usage_error(fmt::format("run {} is {}; only failed or cancelled runs can be retried",
                                  run_id, status_name(status)));
  }
}

}  // namespace cs351::autograde
