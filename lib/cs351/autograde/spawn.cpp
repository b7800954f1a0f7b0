#include "cs351/autograde/spawn.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

// Passed descriptors are first lifted above every target number, so moving
// one into place never closes another still to be moved.
constexpr int k_lift_above = 100;

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Only async-signal-safe calls from here on.
[[noreturn]] void exec_child(const SpawnSpec& spec, char** argv, char** envp, pid_t parent) {
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  for (const int fd : spec.cgroup_procs) {
    if (write(fd, "0", 1) != 1) _exit(125);
  }
  dup2(spec.in, STDIN_FILENO);
  dup2(spec.out, STDOUT_FILENO);
  dup2(spec.err, STDERR_FILENO);
  int lifted[8];
  const std::size_t n = std::min<std::size_t>(spec.passed.size(), 8);
  for (std::size_t i = 0; i < n; ++i) lifted[i] = fcntl(spec.passed[i], F_DUPFD, k_lift_above);
  for (std::size_t i = 0; i < n; ++i) dup2(lifted[i], k_first_passed_fd + static_cast<int>(i));
  if (chdir(spec.dir.c_str()) != 0) _exit(126);
  execve(argv[0], argv, envp);
  _exit(127);
}

}  // namespace

pid_t spawn_process(SpawnSpec& spec) {
  auto argv = pointers(spec.argv);
  auto envp = pointers(spec.envp);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) exec_child(spec, argv.data(), envp.data(), parent);
  if (pid < 0) throw Error(ExitCode::failure, fmt::format("fork: {}", std::strerror(errno)));
  setpgid(pid, pid);  // also from the parent, so the group exists before we may kill it
  return pid;
}

int args_memfd(const std::vector<std::string>& argv) {
  const int fd = memfd_create("cs351-bwrap-args", MFD_CLOEXEC);
  if (fd < 0) throw Error(ExitCode::failure, fmt::format("memfd_create: {}", std::strerror(errno)));
  std::string text;
  for (const auto& arg : argv) text.append(arg).push_back('\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw Error(ExitCode::failure, fmt::format("bwrap arguments: {}", std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

}  // namespace cs351::autograde
