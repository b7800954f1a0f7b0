#include "cs351/autograde/runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "cs351/autograde/run_dir.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// After the grader exits, output still held open by a process that escaped the
// process group is read for this long at most.
constexpr milliseconds k_drain_grace{2000};

std::chrono::seconds cpu_limit(const GraderSpec& spec) {
  return std::chrono::ceil<std::chrono::seconds>(spec.timeout) + std::chrono::seconds(1);
}

// The grader's whole environment: an allow-list, never the worker's own (which holds secrets).
EnvList environment(const GraderSpec& spec) {
  const char* lang = std::getenv("LANG");
  EnvList env{{"PATH", "/usr/local/bin:/usr/bin:/bin"},
              {"LANG", lang != nullptr && *lang != '\0' ? lang : "C.UTF-8"},
              {"HOME", grader_view(spec).string()}};
  for (const auto& kv : spec.env) {
    auto same = [&](const auto& e) { return e.first == kv.first; };
    env.erase(std::remove_if(env.begin(), env.end(), same), env.end());
    env.push_back(kv);
  }
  return env;
}

struct Launch {
  std::vector<std::string> argv;
  std::vector<std::string> envp;  // of the process we exec (bwrap gets only PATH)
  std::string limits;             // for the run log
};

// The argument vector, built before fork so the child only calls async-signal-safe functions.
Launch launch_for(const GraderSpec& spec) {
  const bool sandboxed = spec.isolation == Isolation::sandbox;
  Launch out;
  out.argv = prlimit_argv(spec.limits, cpu_limit(spec), sandboxed);
  for (const char* part : {"/bin/sh", "-c"}) out.argv.emplace_back(part);
  out.argv.push_back(spec.command);
  out.limits = describe_limits(spec.limits, cpu_limit(spec), sandboxed);
  if (!sandboxed) {
    for (const auto& [k, v] : environment(spec)) out.envp.push_back(k + "=" + v);
    return out;
  }
  SandboxPlan plan{find_bwrap(),      spec.workdir,     spec.read_only, spec.network,
                   environment(spec), spec.limits.disk, std::nullopt,   std::move(out.argv)};
  if (geteuid() == 0) {
    plan.drop_to = fresh_sandbox_uid();
    hand_over(spec.workdir, *plan.drop_to);
  }
  out.argv = bwrap_argv(plan);
  out.envp = {"PATH=/usr/bin:/bin"};
  return out;
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

[[noreturn]] void exec_child(const char* dir, char** argv, char** envp, int devnull, int out_write,
                             pid_t parent) {
  setpgid(0, 0);
  // Dies with the worker thread that started it, so a killed worker leaves no grader behind.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  dup2(devnull, STDIN_FILENO);
  dup2(out_write, STDOUT_FILENO);
  dup2(out_write, STDERR_FILENO);
  if (chdir(dir) != 0) _exit(126);
  execve(argv[0], argv, envp);
  _exit(127);
}

Child spawn(const GraderSpec& spec, Launch& launch) {
  auto argv = pointers(launch.argv);
  auto envp = pointers(launch.envp);
  // bwrap starts in / (it may not be allowed into the worker's directories); the rest in the run
  // dir.
  const std::string dir = spec.isolation == Isolation::sandbox ? "/" : spec.workdir.string();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw Error(ExitCode::failure, fmt::format("pipe: {}", std::strerror(errno)));
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) exec_child(dir.c_str(), argv.data(), envp.data(), devnull, fds[1], parent);
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

// Killing bwrap takes the sandbox down with it (--die-with-parent, and the
// PID namespace dies with its first process); killing the group catches
// everything still in it in process-group mode.
void kill_tree(pid_t pid) {
  kill(pid, SIGKILL);
  killpg(pid, SIGKILL);
}

void record_status(int status, GraderResult& result) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

// What the runner checks every tick: the caller still wants the run, and the
// run directory is within its disk limit.
void check_tick(const GraderSpec& spec, pid_t pid, GraderResult& result) {
  if (spec.keep_going && !spec.keep_going()) {
    result.stopped = true;
    kill_tree(pid);
  } else if (disk_usage(spec.workdir, spec.limits.disk) > spec.limits.disk) {
    result.disk_exceeded = true;
    kill_tree(pid);
  }
}

std::string probe_sandbox() {
  if (find_bwrap().empty()) return "bwrap (Debian package bubblewrap) is not installed";
  char dir_template[] = "/tmp/cs351-probe.XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return fmt::format("mkdtemp: {}", std::strerror(errno));
  GraderSpec probe;
  probe.command = "test -w \"$HOME\" && test -d /proc/self";
  probe.workdir = dir_template;
  probe.network = false;
  probe.timeout = milliseconds(20'000);
  const auto result = run_grader(probe);
  remove_run_dir(probe.workdir);
  if (result.exit_code == 0) return "";
  return fmt::format("bwrap failed ({}): {}",
                     result.exit_code ? fmt::format("exit {}", *result.exit_code)
                                      : fmt::format("signal {}", result.signal.value_or(0)),
                     trim(result.output));
}

}  // namespace

const char* isolation_name(Isolation i) {
  return i == Isolation::sandbox ? "sandbox" : "process-group";
}

std::optional<Isolation> parse_isolation(const std::string& text) {
  if (text == "sandbox" || text == "auto" || text == "namespace") return Isolation::sandbox;
  if (text == "process-group") return Isolation::process_group;
  return std::nullopt;
}

const std::string& sandbox_problem() {
  static const std::string problem = probe_sandbox();
  return problem;
}

std::filesystem::path grader_view(const GraderSpec& spec) {
  return spec.isolation == Isolation::sandbox ? std::filesystem::path(k_sandbox_home)
                                              : spec.workdir;
}

GraderResult run_grader(const GraderSpec& spec) {
  GraderResult result;
  result.isolation = spec.isolation;
  Launch launch = launch_for(spec);
  result.limits = launch.limits;
  const auto start = Clock::now();
  const Child child = spawn(spec, launch);
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
    const bool ending = exited || result.timed_out || result.stopped || result.disk_exceeded;
    if (!ending && now - start >= spec.timeout) {
      result.timed_out = true;
      kill_tree(child.pid);
    } else if (!ending && now >= next_tick) {
      next_tick = now + spec.tick;
      check_tick(spec, child.pid, result);
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
