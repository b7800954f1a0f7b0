#pragma once
// What both queue backends decide the same way: which students a run has, the
// key that makes two enqueues the same submission, and the words of every
// dedupe reason (docs/autograde.md, "Why a submission was or was not deduplicated").

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue.h"

namespace cs351::autograde {

// Lower-cased, trimmed, de-duplicated and sorted; commas and spaces are
// refused because emails travel comma-separated (CS351_STUDENT_EMAILS). A usage
// Error for a malformed email or none at all.
std::vector<std::string> normalised_students(const std::vector<std::string>& emails);

// The run's submitters as one comparable value: sorted emails, comma-joined.
std::string students_key(const std::vector<std::string>& sorted_emails);

// The latest other run within the window that shares a student with a new submission.
struct Overlap {
  std::int64_t run_id = 0;
  std::string submission;    // its artifact id
  std::string students_key;  // its submitters
};

// "double submit: same files and students as run 12 (35s earlier)"
std::string double_submit_reason(std::int64_t run_id, std::chrono::milliseconds ago);
// Why a submission became a run of its own: dedupe is off, nothing overlaps,
// or what differs from the overlapping run.
std::string new_run_reason(std::chrono::milliseconds window, const std::optional<Overlap>& overlap,
                           const std::string& submission, const std::string& key);
// "regrade of run 12": a regrade never joins another run.
std::string regrade_reason(std::int64_t run_id);

// Usage Errors (exit 2) for cancelling a finished run and retrying one that did
// not fail and was not cancelled.
void require_cancellable(std::int64_t run_id, RunStatus status);
void require_retryable(std::int64_t run_id, RunStatus status);

}  // namespace cs351::autograde
