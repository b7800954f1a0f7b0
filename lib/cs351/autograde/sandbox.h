#pragma once
// The bubblewrap (bwrap) command line that confines one grader run, and the
// resource limits every grader runs under. The sandbox's root holds only the
// system directories (read-only), the run directory at /autograder (its HOME
// and working directory), a size-capped /tmp and the read-only directories the
// assignment names; new pid, ipc, uts (and, without network, net) namespaces;
// an environment rebuilt from scratch; an unprivileged uid.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cs351/autograde/spawn.h"

namespace cs351::autograde {

// Where the run directory appears inside the sandbox (as on Gradescope).
inline constexpr const char* k_sandbox_home = "/autograder";
// The uid/gid graders see inside the sandbox when the worker is not root.
inline constexpr std::uint32_t k_sandbox_uid = 65534;

struct Limits {
  std::optional<std::uint64_t> memory_bytes;  // RLIMIT_AS of each process; unlimited when unset
  std::uint64_t processes = 256;              // RLIMIT_NPROC (processes and threads)
  std::uint64_t file_size = 1ULL << 30;       // RLIMIT_FSIZE: largest file a grader may write
  std::uint64_t disk = 1ULL << 30;            // size of the run's filesystem (its folder and /tmp)
  std::uint64_t open_files = 1024;            // RLIMIT_NOFILE: memfds and pipes count too
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

// What the grader's sandbox holds to run student code: the cs351 binary
// (as $CS351_RUN_STUDENT, /run/cs351/run-student) and the run's socket.
struct StudentTools {
  std::filesystem::path exe;
  std::filesystem::path socket;
};

struct SandboxPlan {
  std::string bwrap;                             // the bwrap program
  std::filesystem::path run_dir;                 // shown at `mount_point`, the working directory
  std::vector<std::filesystem::path> read_only;  // shown read-only at their own paths
  bool network = false;
  EnvList env;                                   // the grader's whole environment
  std::uint64_t tmp_bytes = 1ULL << 30;          // size of /tmp's own tmpfs, when no `tmp_dir`
  std::optional<std::filesystem::path> tmp_dir;  // a host folder shown as /tmp instead
  // Set when the worker is root: the sandbox runs without a user namespace
  // and drops to this uid/gid with setpriv before the grader starts.
  std::optional<std::uint32_t> drop_to;
  std::optional<std::uint32_t> drop_group;  // its gid when not the same number
  std::vector<std::string> command;         // what runs inside (prlimit ... /bin/sh -c COMMAND)
  std::string mount_point = k_sandbox_home;
  std::optional<StudentTools> tools;
  bool seccomp = true;  // load the filter bwrap finds at k_seccomp_fd
  // When set (a pipe's read end): bwrap sets the sandbox up, then waits until
  // a byte arrives on it before it starts the command (--block-fd).
  int hold_fd = -1;
};

// Where the spawned bwrap finds its arguments and its system-call filter (spawn.h).
inline constexpr int k_args_fd = k_first_passed_fd;
inline constexpr int k_seccomp_fd = k_first_passed_fd + 1;
inline constexpr int k_hold_fd = k_first_passed_fd + 2;

// bwrap's whole argument vector, program first.
std::vector<std::string> bwrap_argv(const SandboxPlan& plan);

// How to start `plan`: bwrap reading its options from a memory file (so the
// sandbox's /proc/1/cmdline shows no host path, only the command) and its filter from
// `seccomp_fd` (read through a descriptor of its own). The caller closes
// every `passed` descriptor after spawning.
SpawnSpec sandbox_spawn(const SandboxPlan& plan, int seccomp_fd);

// `prlimit` options that apply `limits` (and a CPU-time limit) to the command after them.
// `with_processes` is false where RLIMIT_NPROC would count the worker's own processes.
std::vector<std::string> prlimit_argv(const Limits& limits, std::chrono::seconds cpu,
                                      bool with_processes);

// "memory 256M per process, processes 64, file size 16M, disk 64M, cpu 10s, open files 1024".
std::string describe_limits(const Limits& limits, std::chrono::seconds cpu, bool with_processes);

// A uid never handed out before since the machine booted, for root workers
// (so nothing a run leaves in the kernel under its uid, such as a keyring,
// reaches a later run): from a counter in /run, far above real users.
std::uint32_t fresh_sandbox_uid();

// The bwrap program on PATH, else an empty string.
std::string find_bwrap();

}  // namespace cs351::autograde
