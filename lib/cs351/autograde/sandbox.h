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

namespace cs351::autograde {

// Where the run directory appears inside the sandbox (as on Gradescope).
inline constexpr const char* k_sandbox_home = "/autograder";
// The uid/gid graders see inside the sandbox when the worker is not root.
inline constexpr std::uint32_t k_sandbox_uid = 65534;

struct Limits {
  std::optional<std::uint64_t> memory_bytes;  // RLIMIT_AS of each process; unlimited when unset
  std::uint64_t processes = 256;              // RLIMIT_NPROC (processes and threads)
  std::uint64_t file_size = 1ULL << 30;       // RLIMIT_FSIZE: largest file a grader may write
  std::uint64_t disk = 1ULL << 30;            // size of /tmp, and of the run directory (watched)
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

struct SandboxPlan {
  std::string bwrap;  // the bwrap program
  std::filesystem::path run_dir;
  std::vector<std::filesystem::path> read_only;  // shown read-only at their own paths
  bool network = false;
  EnvList env;  // the grader's whole environment
  std::uint64_t tmp_bytes = 1ULL << 30;
  // Set when the worker is root: the sandbox runs without a user namespace
  // and drops to this uid/gid with setpriv before the grader starts.
  std::optional<std::uint32_t> drop_to;
  std::vector<std::string> command;  // what runs inside (prlimit ... /bin/sh -c COMMAND)
};

std::vector<std::string> bwrap_argv(const SandboxPlan& plan);

// `prlimit` options that apply `limits` (and a CPU-time limit) to the command after them.
// `with_processes` is false where RLIMIT_NPROC would count the worker's own processes.
std::vector<std::string> prlimit_argv(const Limits& limits, std::chrono::seconds cpu,
                                      bool with_processes);

// "memory 256M per process, processes 64, file size 16M, disk 64M, cpu 10s" for the run log.
std::string describe_limits(const Limits& limits, std::chrono::seconds cpu, bool with_processes);

// A uid no other live sandbox on this machine uses, for root workers: derived
// from the worker's pid and a per-process counter, far above real users.
std::uint32_t fresh_sandbox_uid();

// The bwrap program on PATH, else an empty string.
std::string find_bwrap();

}  // namespace cs351::autograde
