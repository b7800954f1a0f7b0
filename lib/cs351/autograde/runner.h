#pragma once
// Runs the instructor's grader command as a contained process tree: its own
// PID namespace when the kernel allows it unprivileged (killing the
// namespace's init kills every descendant, even those that called setsid),
// else its own process group. Output is captured (stdout and stderr together)
// up to a cap; a timeout or a caller's "stop" kills the whole tree.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cs351::autograde {

enum class Isolation { automatic, pid_namespace, process_group };
const char* isolation_name(Isolation i);
// "auto", "namespace", "process-group"; nullopt otherwise.
std::optional<Isolation> parse_isolation(const std::string& text);

// Whether `unshare --user --pid --net ...` works here; probed once per process.
bool namespaces_available();

struct GraderSpec {
  std::string command;  // run as /bin/sh -c COMMAND
  std::filesystem::path workdir;
  std::vector<std::pair<std::string, std::string>>
      env;  // added to (or replacing in) our environment
  std::chrono::milliseconds timeout{10 * 60 * 1000};
  std::optional<std::uint64_t> memory_bytes;  // RLIMIT_AS
  bool network = true;  // false: a network namespace with only a downed loopback
  Isolation isolation = Isolation::automatic;
  std::size_t output_cap = 1 << 20;
  // Called about every `tick` while the grader runs; returning false kills it
  // (the run was cancelled or its lease lost).
  std::function<bool()> keep_going;
  std::chrono::milliseconds tick{200};
};

struct GraderResult {
  std::optional<int> exit_code;  // set when it exited by itself
  std::optional<int> signal;     // set when a signal ended it (including our kill)
  bool timed_out = false;
  bool stopped = false;  // keep_going said stop
  Isolation isolation = Isolation::process_group;
  std::string output;  // stdout and stderr interleaved, capped, with a note when truncated
  std::chrono::milliseconds elapsed{0};
  std::string note;  // what the runner itself wants in the log (fallbacks, escapes)
};

// Never throws for anything the grader does; throws Error only when the
// process cannot be started at all (fork or pipe failure).
GraderResult run_grader(const GraderSpec& spec);

}  // namespace cs351::autograde
