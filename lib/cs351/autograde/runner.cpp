#include "cs351/autograde/runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

extern char** environ;

namespace cs351::autograde {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After the grader exits, output still held open by a process that escaped the
// process group is read for this long at most.
constexpr milliseconds k_drain_grace{2000};

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (const auto& dir : split(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "/usr/bin/" + name;
}

// The argument vector, built before fork so the child only calls async-signal-safe functions.
std::vector<std::string> command_line(const GraderSpec& spec, Isolation isolation) {
  std::vector<std::string> argv;
  if (isolation == Isolation::pid_namespace) {
    argv = {find_program("unshare"), "--user",      "--map-root-user", "--pid", "--fork",
            "--kill-child",          "--mount-proc"};
    if (!spec.network) argv.push_back("--net");
    argv.push_back("--");
  }
  for (const char* part : {"/bin/sh", "-c"}) argv.emplace_back(part);
  argv.push_back(spec.command);
  return argv;
}

std::vector<std::string> environment(const GraderSpec& spec) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const auto name = entry.substr(0, entry.find('='));
    const bool replaced = std::any_of(spec.env.begin(), spec.env.end(),
                                      [&](const auto& kv) { return kv.first == name; });
    if (!replaced) env.emplace_back(entry);
  }
  for (const auto& [k, v] : spec.env) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct Child {
  pid_t pid = -1;
  int output_fd = -1;
};

[[noreturn]] void exec_child(const GraderSpec& spec, char** argv, char** envp, int devnull,
                             int out_write, pid_t parent) {
  setpgid(0, 0);
  // Dies with the worker thread that started it, so a killed worker leaves no grader behind.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  dup2(devnull, STDIN_FILENO);
  dup2(out_write, STDOUT_FILENO);
  dup2(out_write, STDERR_FILENO);
  if (chdir(spec.workdir.c_str()) != 0) _exit(126);
  if (spec.memory_bytes) {
    const rlimit limit{*spec.memory_bytes, *spec.memory_bytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  execve(argv[0], argv, envp);
  _exit(127);
}

Child spawn(const GraderSpec& spec, Isolation isolation) {
  auto args = command_line(spec, isolation);
  auto env = environment(spec);
  auto argv = pointers(args);
  auto envp = pointers(env);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw Error(ExitCode::failure, fmt::format("pipe: {}", std::strerror(errno)));
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) exec_child(spec, argv.data(), envp.data(), devnull, fds[1], parent);
  close(fds[1]);
  if (devnull >= 0) close(devnull);
  if (pid < 0) {
    close(fds[0]);
    throw Error(ExitCode::failure,
                fmt::format("cannot start grader: fork: {}", std::strerror(errno)));
  }
  setpgid(pid, pid);  // also from the parent, so the group exists before we may kill it
  return {pid, fds[0]};
}

class OutputBuffer {
 public:
  explicit OutputBuffer(std::size_t cap) : m_cap(cap) {}
  void add(const char* data, std::size_t n) {
    const std::size_t keep = std::min(n, m_cap - std::min(m_cap, m_text.size()));
    m_text.append(data, keep);
    m_dropped += n - keep;
  }
  std::string finish() {
    if (m_dropped > 0)
      m_text += fmt::format("\n[cs351: output truncated, {} more bytes dropped]\n", m_dropped);
    return std::move(m_text);
  }

 private:
  std::size_t m_cap;
  std::size_t m_dropped = 0;
  std::string m_text;
};

// Reads what is available within `wait`; false at end of file.
bool read_some(int fd, OutputBuffer& out, milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(std::max<milliseconds::rep>(0, wait.count()))) <= 0) return true;
  char buf[65536];
  const ssize_t n = read(fd, buf, sizeof buf);
  if (n > 0) out.add(buf, static_cast<std::size_t>(n));
  return n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN));
}

// True once the child has exited; it stays a zombie (not reaped), so its pid
// and process-group id cannot be reused while we still kill by them.
bool has_exited(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

// Killing the direct child (unshare) takes the PID namespace down with it
// (--kill-child); killing the group catches everything still in it.
void kill_tree(pid_t pid) {
  kill(pid, SIGKILL);
  killpg(pid, SIGKILL);
}

void record_status(int status, GraderResult& result) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

Isolation resolve(Isolation wanted, std::string& note) {
  if (wanted == Isolation::process_group) return wanted;
  if (namespaces_available()) return Isolation::pid_namespace;
  note =
      "PID namespaces are not available here; using a process group (descendants that call setsid "
      "escape the timeout kill, and network=false cannot be enforced)";
  return Isolation::process_group;
}

}  // namespace

const char* isolation_name(Isolation i) {
  switch (i) {
    case Isolation::automatic:
      return "auto";
    case Isolation::pid_namespace:
      return "namespace";
    case Isolation::process_group:
      return "process-group";
  }
  return "?";
}

std::optional<Isolation> parse_isolation(const std::string& text) {
  for (auto i : {Isolation::automatic, Isolation::pid_namespace, Isolation::process_group}) {
    if (text == isolation_name(i)) return i;
  }
  return std::nullopt;
}

bool namespaces_available() {
  static std::once_flag once;
  static bool available = false;
  std::call_once(once, [] {
    GraderSpec probe;
    probe.command = "exit 0";
    probe.workdir = "/";
    probe.network = false;
    probe.timeout = milliseconds(10'000);
    probe.isolation = Isolation::pid_namespace;
    const auto result = run_grader(probe);
    available = result.exit_code == 0;
  });
  return available;
}

GraderResult run_grader(const GraderSpec& spec) {
  GraderResult result;
  result.isolation = spec.isolation == Isolation::pid_namespace
                         ? spec.isolation
                         : resolve(spec.isolation, result.note);
  const auto start = Clock::now();
  const Child child = spawn(spec, result.isolation);
  OutputBuffer output(spec.output_cap);
  auto next_tick = start + spec.tick;
  bool open = true;
  bool exited = false;
  std::optional<Clock::time_point> drain_until;
  while (open || !exited) {
    const auto now = Clock::now();
    if (open) {
      open = read_some(child.output_fd, output, exited ? milliseconds(20) : milliseconds(50));
    } else {
      std::this_thread::sleep_for(milliseconds(20));  // output closed early; wait for the exit
    }
    if (!exited && has_exited(child.pid)) {
      exited = true;
      killpg(child.pid, SIGKILL);  // leftovers of a grader that exited (background jobs)
      drain_until = Clock::now() + k_drain_grace;
    }
    if (exited && open && Clock::now() > *drain_until) {
      result.note +=
          (result.note.empty() ? "" : "; ") +
          std::string("a process that left the grader's process group kept its output open");
      break;
    }
    if (!exited && !result.timed_out && !result.stopped && now - start >= spec.timeout) {
      result.timed_out = true;
      kill_tree(child.pid);
    }
    if (!exited && !result.timed_out && !result.stopped && spec.keep_going && now >= next_tick) {
      next_tick = now + spec.tick;
      if (!spec.keep_going()) {
        result.stopped = true;
        kill_tree(child.pid);
      }
    }
  }
  close(child.output_fd);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  record_status(status, result);
  result.output = output.finish();
  result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  return result;
}

}  // namespace cs351::autograde
