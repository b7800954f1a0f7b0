#pragma once
// What the grader's `$CS351_RUN_STUDENT` and the worker say to each other
// over the run's Unix socket (SOCK_SEQPACKET: one message each way). The
// request carries the timeout and the command line as text, and the
// grader's stdin, stdout and stderr as descriptors (SCM_RIGHTS), so the
// student's command reads and writes the grader's own streams. The reply is
// one line: "exit N", "signal N", "timeout" or "error MESSAGE".

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cs351::autograde {

// Inside the grader's sandbox: the helper and the socket it talks to.
inline constexpr const char* k_run_student_path = "/run/cs351/run-student";
inline constexpr const char* k_student_socket_path = "/run/cs351/student.sock";
// Largest request: the command line of a student command.
inline constexpr std::size_t k_max_student_request = 64 * 1024;

struct StudentRequest {
  std::optional<std::chrono::milliseconds> timeout;  // unset: the rest of the run
  std::vector<std::string> argv;
};

struct StudentOutcome {
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool timed_out = false;
  std::string error;  // the worker could not run it
};

std::string encode_request(const StudentRequest& request);
// Throws Error (bad data) for anything malformed.
StudentRequest decode_request(const std::string& text);

std::string encode_outcome(const StudentOutcome& outcome);
StudentOutcome decode_outcome(const std::string& text);

// The helper's own exit status for an outcome, as timeout(1) gives it: the
// command's status, 128+N for signal N, 124 after the timeout, 125 on error.
int outcome_status(const StudentOutcome& outcome);

}  // namespace cs351::autograde
