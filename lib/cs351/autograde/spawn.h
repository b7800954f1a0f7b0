#pragma once
// Starting one contained process (a bwrap sandbox, or a plain process in
// process-group mode) with exactly the descriptors it should have: its
// standard streams, the descriptors bwrap reads its arguments and system-call
// filter from (numbered from k_first_passed_fd), and membership of the run's
// cgroups taken before exec, so nothing it starts is ever outside them.

#include <sys/types.h>

#include <string>
#include <vector>

namespace cs351::autograde {

inline constexpr int k_first_passed_fd = 10;

struct SpawnSpec {
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  std::string dir;  // working directory before exec
  int in = -1, out = -1, err = -1;
  std::vector<int> passed;        // become k_first_passed_fd, k_first_passed_fd + 1, ...
  std::vector<int> cgroup_procs;  // open cgroup.procs files the child joins
};

// Forks and execs; the child is the leader of a new process group and dies
// with the calling thread. Throws Error when fork fails.
pid_t spawn_process(SpawnSpec& spec);

// Writes `argv` NUL-separated into a memory file positioned at its start (for
// `bwrap --args FD`, so the sandbox's /proc/1/cmdline shows no host path).
int args_memfd(const std::vector<std::string>& argv);

}  // namespace cs351::autograde
