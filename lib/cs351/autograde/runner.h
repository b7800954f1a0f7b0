#pragma once
// Runs the instructor's grader command as a contained process tree. By
// default inside a bubblewrap sandbox (see sandbox.h): its own mount, pid,
// ipc, uts and (without network) net namespaces, a rebuilt environment, an
// unprivileged uid, rlimits; killing bwrap kills every descendant, even those
// that called setsid. `process-group` mode only puts the grader in its own
// process group with the same rlimits and environment: nothing is hidden.
// Output is captured (stdout and stderr together) up to a cap; a timeout, a
// run directory over its disk limit or a caller's "stop" kills the whole tree.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/sandbox.h"
#include "cs351/autograde/slot_gate.h"

namespace cs351::autograde {

enum class Isolation { sandbox, process_group };
const char* isolation_name(Isolation i);  // "sandbox", "process-group"
// "sandbox" (also its older names "auto" and "namespace") or "process-group"; nullopt otherwise.
std::optional<Isolation> parse_isolation(const std::string& text);

// Why the bubblewrap sandbox cannot run here; empty when it works. Probed once per process.
const std::string& sandbox_problem();

struct GraderSpec {
  std::string command;            // run as /bin/sh -c COMMAND
  std::filesystem::path workdir;  // the run directory: the grader's HOME and working directory
  EnvList env;                    // added to PATH, LANG and HOME; nothing else is inherited
  std::vector<std::filesystem::path> read_only;  // visible read-only in the sandbox
  std::chrono::milliseconds timeout{10 * 60 * 1000};
  Limits limits;
  bool network = false;  // false: a network namespace with only a downed loopback (sandbox)
  Isolation isolation = Isolation::sandbox;
  // Under `workdir`: where $CS351_RUN_STUDENT runs student commands (the
  // only part of the run they see). Unset: no student runner.
  std::optional<std::filesystem::path> student_dir;
  // `workdir` is a filesystem of limits.disk bytes (run_dir.h): the sandboxes'
  // /tmp folders live in it too, and the kernel, not a watcher, bounds it.
  bool own_filesystem = false;
  std::size_t output_cap = 1 << 20;
  // Called about every `tick` while the grader runs; returning false kills it
  // (the run was cancelled or its lease lost).
  std::function<bool()> keep_going;
  std::chrono::milliseconds tick{200};
  // When set, the grader starts only once it holds one of the gate's slots, and
  // gives it back as soon as it exits. A sandbox is set up before the wait, and
  // the timeout counts from the start.
  SlotGate* slots = nullptr;
};

// Where the grader sees `workdir`: /autograder in the sandbox, the directory itself otherwise.
std::filesystem::path grader_view(const GraderSpec& spec);

struct GraderResult {
  std::optional<int> exit_code;  // set when it exited by itself
  std::optional<int> signal;     // set when a signal ended it (including our kill)
  bool timed_out = false;
  bool stopped = false;          // keep_going said stop
  bool disk_exceeded = false;    // the run directory grew over limits.disk
  bool memory_exceeded = false;  // the run's cgroup killed a process for its memory limit
  Isolation isolation = Isolation::sandbox;
  std::string output;  // stdout and stderr interleaved, capped, with a note when truncated
  std::chrono::milliseconds elapsed{0};
  std::string limits;  // which limits were applied, for the run log
  std::string note;    // what the runner itself wants in the log
};

// Never throws for anything the grader does; throws Error only when the
// process cannot be started at all (fork or pipe failure).
GraderResult run_grader(const GraderSpec& spec);

}  // namespace cs351::autograde
