#include "cs351/autograde/runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "cs351/autograde/run_cgroup.h"
#include "cs351/autograde/run_dir.h"
#include "cs351/autograde/seccomp_filter.h"
#include "cs351/autograde/student_server.h"
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

// What one sandboxed run holds while its grader runs: its cgroup, its
// system-call filter, and the socket through which it runs student code.
struct Confinement {
  std::optional<RunCgroup> cgroup;
  int seccomp = -1;
  std::filesystem::path tools_dir;  // the socket (and in process-group mode the helper's name)
  std::unique_ptr<StudentServer> students;
  int hold = -1;  // a set-up sandbox waits for a byte here before its grader starts
  std::vector<int> procs() const { return cgroup ? cgroup->procs_fds() : std::vector<int>{}; }
  ~Confinement() {
    students.reset();
    if (seccomp >= 0) close(seccomp);
    if (hold >= 0) close(hold);
    if (!tools_dir.empty()) remove_run_dir(tools_dir);
  }
};

std::string cgroup_name() {
  static std::atomic<unsigned> counter{0};
  return fmt::format("cs351-run-{}-{}", getpid(), counter.fetch_add(1));
}

std::filesystem::path make_tools_dir() {
  char dir[] = "/tmp/cs351-run.XXXXXX";
  if (mkdtemp(dir) == nullptr)
    throw Error(ExitCode::failure, fmt::format("mkdtemp: {}", std::strerror(errno)));
  return dir;
}

std::filesystem::path own_exe() {
  return std::filesystem::read_symlink("/proc/self/exe");
}

// Student commands see the submission as their home and nothing of the
// grader's environment in the sandbox; in process-group mode they inherit
// the grader's whole environment, results path included (the control case).
EnvList student_env(const GraderSpec& spec, bool sandboxed) {
  if (!sandboxed) return environment(spec);
  const char* lang = std::getenv("LANG");
  return {{"PATH", "/usr/local/bin:/usr/bin:/bin"},
          {"LANG", lang != nullptr && *lang != '\0' ? lang : "C.UTF-8"},
          {"HOME", std::string(k_sandbox_home) + "/submission"}};
}

// The /tmp folders of the grader and of student commands when the run has
// its own filesystem (so /tmp counts against the disk limit too).
constexpr const char* k_grader_tmp = ".tmp";
constexpr const char* k_student_tmp = ".student-tmp";

std::optional<std::filesystem::path> tmp_in_run(const GraderSpec& spec, const char* name) {
  if (!spec.own_filesystem || spec.isolation != Isolation::sandbox) return std::nullopt;
  return spec.workdir / name;
}

void start_students(const GraderSpec& spec, Confinement& c, std::optional<std::uint32_t> grader_uid,
                    std::optional<std::uint32_t> student_uid) {
  const bool sandboxed = spec.isolation == Isolation::sandbox;
  c.tools_dir = make_tools_dir();
  StudentLaunch launch;
  launch.sandboxed = sandboxed;
  launch.submission_dir = spec.workdir / *spec.student_dir;
  launch.uid = student_uid;
  launch.gid = grader_uid;
  launch.network = spec.network;
  launch.env = student_env(spec, sandboxed);
  launch.limits = spec.limits;
  launch.tmp_bytes = spec.limits.disk;
  launch.tmp_dir = tmp_in_run(spec, k_student_tmp);
  launch.deadline = Clock::now() + spec.timeout;
  launch.cgroup_procs = c.procs();
  launch.seccomp_fd = c.seccomp;
  c.students =
      std::make_unique<StudentServer>(c.tools_dir / "student.sock", grader_uid, std::move(launch));
}

// The grader's launch in process-group mode: the plain command in its
// folder; $CS351_RUN_STUDENT is the cs351 binary under the helper's name.
SpawnSpec plain_launch(const GraderSpec& spec, std::vector<std::string> command,
                       const Confinement& c) {
  SpawnSpec out;
  out.argv = std::move(command);
  EnvList env = environment(spec);
  if (c.students) {
    const auto helper = c.tools_dir / "run-student";
    std::filesystem::create_symlink(own_exe(), helper);
    env.emplace_back("CS351_RUN_STUDENT", helper.string());
    env.emplace_back("CS351_STUDENT_SOCKET", (c.tools_dir / "student.sock").string());
  }
  for (const auto& [k, v] : env) out.envp.push_back(k + "=" + v);
  out.dir = spec.workdir.string();
  return out;
}

SpawnSpec sandboxed_launch(const GraderSpec& spec, std::vector<std::string> command, Confinement& c,
                           std::optional<std::uint32_t> grader_uid) {
  EnvList env = environment(spec);
  SandboxPlan plan;
  plan.bwrap = find_bwrap();
  plan.run_dir = spec.workdir;
  plan.read_only = spec.read_only;
  plan.network = spec.network;
  plan.tmp_bytes = spec.limits.disk;
  plan.tmp_dir = tmp_in_run(spec, k_grader_tmp);
  plan.drop_to = grader_uid;
  plan.command = std::move(command);
  if (c.students) {
    plan.tools = StudentTools{own_exe(), c.tools_dir / "student.sock"};
    env.emplace_back("CS351_RUN_STUDENT", k_run_student_path);
  }
  plan.env = std::move(env);
  if (spec.slots) {
    int fds[2];  // a socket, not a pipe: a sandbox that died in its set-up is no SIGPIPE
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw Error(ExitCode::failure, fmt::format("socketpair: {}", std::strerror(errno)));
    plan.hold_fd = fds[0];  // closed with the other passed descriptors once bwrap runs
    c.hold = fds[1];
  }
  return sandbox_spawn(plan, c.seccomp);
}

// Ownership in a root worker's run: the grader's uid owns the run folder and
// alone can enter its other folders (results/ among them); the student's uid
// owns the submission (shared with the grader's group: both may write it)
// and its own /tmp. Student commands run with the grader's gid.
void hand_out(const GraderSpec& spec, std::uint32_t grader, std::optional<std::uint32_t> student) {
  namespace fs = std::filesystem;
  if (const auto tmp = tmp_in_run(spec, k_grader_tmp)) fs::create_directory(*tmp);
  if (const auto tmp = tmp_in_run(spec, k_student_tmp); tmp && student) fs::create_directory(*tmp);
  hand_over(spec.workdir, grader, grader);
  for (const auto& entry : fs::directory_iterator(spec.workdir)) {
    if (entry.is_directory() && entry.path().filename() != spec.student_dir.value_or(""))
      fs::permissions(entry.path(), fs::perms::owner_all);
  }
  if (!student) return;
  hand_over(spec.workdir / *spec.student_dir, *student, grader);
  share_with_group(spec.workdir / *spec.student_dir);
  if (const auto tmp = tmp_in_run(spec, k_student_tmp)) hand_over(*tmp, *student, *student);
}

// Everything the run needs before its grader starts; `limits` says what applies.
SpawnSpec prepare(const GraderSpec& spec, Confinement& c, std::string& limits) {
  const bool sandboxed = spec.isolation == Isolation::sandbox;
  std::vector<std::string> command = prlimit_argv(spec.limits, cpu_limit(spec), sandboxed);
  for (const char* part : {"/bin/sh", "-c"}) command.emplace_back(part);
  command.push_back(spec.command);
  limits = describe_limits(spec.limits, cpu_limit(spec), sandboxed);
  std::optional<std::uint32_t> grader_uid;
  std::optional<std::uint32_t> student_uid;
  if (sandboxed) {
    if (const auto& parents = cgroup_parents()) {
      c.cgroup.emplace(*parents, cgroup_name(),
                       CgroupLimits{spec.limits.memory_bytes, spec.limits.processes});
      limits = c.cgroup->describe() + "; rlimits: " + limits;
    } else {
      limits = "rlimits only (no cgroup): " + limits;
    }
    c.seccomp = seccomp_filter_fd();
    limits += "; seccomp filter";
    if (geteuid() == 0) {
      grader_uid = fresh_sandbox_uid();
      if (spec.student_dir) student_uid = fresh_sandbox_uid();
      hand_out(spec, *grader_uid, student_uid);
    }
  }
  if (spec.student_dir) start_students(spec, c, grader_uid, student_uid);
  return sandboxed ? sandboxed_launch(spec, std::move(command), c, grader_uid)
                   : plain_launch(spec, std::move(command), c);
}

struct Child {
  pid_t pid = -1;
  int output_fd = -1;
  int exit_fd = -1;  // a pidfd, readable once the child exits (-1 where the kernel has none)
};

Child spawn(SpawnSpec& launch, const Confinement& c) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw Error(ExitCode::failure, fmt::format("pipe: {}", std::strerror(errno)));
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  launch.in = devnull;
  launch.out = fds[1];
  launch.err = fds[1];
  launch.cgroup_procs = c.procs();
  pid_t pid = -1;
  std::string failure;
  try {
    pid = spawn_process(launch);
  } catch (const Error& e) {
    failure = e.what();
  }
  close(fds[1]);
  if (devnull >= 0) close(devnull);
  for (const int fd : launch.passed) close(fd);
  if (pid < 0) {
    close(fds[0]);
    throw Error(ExitCode::failure, "cannot start grader: " + failure);
  }
  return {pid, fds[0], static_cast<int>(syscall(SYS_pidfd_open, pid, 0))};
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

// Waits up to `wait` for output (while `open`) or, until it `exited`, the child's
// exit, so an exit is seen (and its slot freed) at once; false once output is at end of file.
bool read_some(const Child& child, bool open, bool exited, OutputBuffer& out, milliseconds wait) {
  pollfd p[2] = {{open ? child.output_fd : -1, POLLIN, 0},
                 {exited ? -1 : child.exit_fd, POLLIN, 0}};
  if (poll(p, 2, static_cast<int>(std::max<milliseconds::rep>(0, wait.count()))) <= 0 ||
      p[0].revents == 0)
    return open;
  char buf[65536];
  const ssize_t n = read(child.output_fd, buf, sizeof buf);
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
  } else if (!spec.own_filesystem &&
             disk_usage(spec.workdir, spec.limits.disk) > spec.limits.disk) {
    result.disk_exceeded = true;
    kill_tree(pid);
  }
}

// Takes a slot of the spec's gate (if any); false when the run was lost while it waited.
bool take_turn(const GraderSpec& spec, SlotTurn& turn) {
  if (!spec.slots) return true;
  if (!spec.slots->enter(spec.keep_going, spec.tick)) return false;
  turn = SlotTurn(*spec.slots);
  return true;
}

// A held sandbox (Confinement::hold) starts its grader now, or is killed unstarted.
void release_sandbox(Confinement& c, bool start, pid_t pid) {
  if (c.hold < 0) return;
  if (start) {
    const char go = 1;
    while (send(c.hold, &go, 1, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
  } else {
    kill_tree(pid);
  }
  close(c.hold);
  c.hold = -1;
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
  Confinement confinement;
  SpawnSpec launch = prepare(spec, confinement, result.limits);
  SlotTurn turn;
  const bool held = confinement.hold >= 0;
  if (!held && !take_turn(spec, turn)) {
    result.stopped = true;  // never started
    return result;
  }
  const Child child = spawn(launch, confinement);
  if (held) {
    result.stopped = !take_turn(spec, turn);
    release_sandbox(confinement, !result.stopped, child.pid);
  }
  const auto start = Clock::now();
  if (confinement.students) confinement.students->set_deadline(start + spec.timeout);
  OutputBuffer output(spec.output_cap);
  auto next_tick = start + spec.tick;
  bool open = true;
  bool exited = false;
  std::optional<Clock::time_point> drain_until;
  while (open || !exited) {
    const auto now = Clock::now();
    open = read_some(child, open, exited, output,
                     exited || !open ? milliseconds(20) : milliseconds(50));
    if (!exited && has_exited(child.pid)) {
      exited = true;
      turn.release();
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
  if (child.exit_fd >= 0) close(child.exit_fd);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  record_status(status, result);
  result.memory_exceeded = confinement.cgroup && confinement.cgroup->memory_limit_hit();
  result.output = output.finish();
  result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  return result;
}

}  // namespace cs351::autograde
