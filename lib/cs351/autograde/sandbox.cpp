#include "cs351/autograde/sandbox.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/student_protocol.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

// Top-level system directories; on a merged-/usr system most are symlinks into /usr.
constexpr const char* k_system_dirs[] = {"/usr",   "/bin",   "/sbin",  "/lib",
                                         "/lib32", "/lib64", "/libx32"};

// What programs need from /etc: users and groups (names only, no shadow),
// name resolution, the dynamic loader's cache, Debian's alternatives links,
// TLS roots and the time zone. Nothing else of /etc is visible.
constexpr const char* k_etc_entries[] = {
    "/etc/passwd",       "/etc/group",       "/etc/nsswitch.conf",   "/etc/hosts",
    "/etc/host.conf",    "/etc/resolv.conf", "/etc/gai.conf",        "/etc/services",
    "/etc/protocols",    "/etc/ld.so.cache", "/etc/ld.so.conf",      "/etc/ld.so.conf.d",
    "/etc/alternatives", "/etc/ssl",         "/etc/ca-certificates", "/etc/localtime",
    "/etc/timezone",     "/etc/os-release",  "/etc/debian_version",  "/etc/mime.types"};

void add(std::vector<std::string>& argv, std::initializer_list<std::string> parts) {
  argv.insert(argv.end(), parts);
}

void add_system_dirs(std::vector<std::string>& argv) {
  for (const char* dir : k_system_dirs) {
    std::error_code ec;
    const auto status = fs::symlink_status(dir, ec);
    if (ec || !fs::exists(status)) continue;
    if (fs::is_symlink(status)) {
      add(argv, {"--symlink", fs::read_symlink(dir, ec).string(), dir});
    } else {
      add(argv, {"--ro-bind", dir, dir});
    }
  }
  for (const char* entry : k_etc_entries) add(argv, {"--ro-bind-try", entry, entry});
}

void add_namespaces(std::vector<std::string>& argv, const SandboxPlan& plan) {
  if (!plan.drop_to) {
    add(argv, {"--unshare-user", "--uid", std::to_string(k_sandbox_uid), "--gid",
               std::to_string(k_sandbox_uid), "--disable-userns"});
  }
  add(argv, {"--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
             "--hostname", "grader"});
  if (!plan.network) argv.emplace_back("--unshare-net");
  add(argv, {"--die-with-parent", "--new-session"});
}

void add_environment(std::vector<std::string>& argv, const SandboxPlan& plan) {
  argv.emplace_back("--clearenv");
  for (const auto& [name, value] : plan.env) add(argv, {"--setenv", name, value});
}

void add_privilege_drop(std::vector<std::string>& argv, std::uint32_t uid, std::uint32_t gid) {
  add(argv, {"/usr/bin/setpriv", "--reuid=" + std::to_string(uid), "--regid=" + std::to_string(gid),
             "--clear-groups", "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs", "--"});
}

// Directories bwrap makes on the way to a mount point would be 0700 (owned
// by the sandbox's root), so the grader's uid could not reach the mount.
void add_read_only_parents(std::vector<std::string>& argv, const fs::path& dir) {
  fs::path ancestor;
  for (auto it = dir.begin(); it != dir.end() && std::next(it) != dir.end(); ++it) {
    ancestor /= *it;
    if (ancestor != ancestor.root_path())
      add(argv, {"--perms", "0755", "--dir", ancestor.string()});
  }
}

void add_read_only(std::vector<std::string>& argv, const fs::path& dir) {
  add_read_only_parents(argv, dir);
  add(argv, {"--ro-bind", dir.string(), dir.string()});
}

// $CS351_RUN_STUDENT: the cs351 binary under a name that makes it the
// student runner (cli/run_student.cpp), next to the run's socket.
void add_student_tools(std::vector<std::string>& argv, const StudentTools& tools) {
  add(argv, {"--perms", "0755", "--dir", "/run", "--perms", "0755", "--dir", "/run/cs351",
             "--ro-bind", tools.exe.string(), "/run/cs351/cs351", "--symlink", "cs351",
             k_run_student_path, "--bind", tools.socket.string(), k_student_socket_path});
}

// A descriptor of its own on the same memory file: bwrap reads the filter
// from the start, whatever earlier sandboxes of the run read before.
int reopen(int fd) {
  const int out = ::open(fmt::format("/proc/self/fd/{}", fd).c_str(), O_RDONLY | O_CLOEXEC);
  if (out < 0)
    throw Error(ExitCode::failure,
                fmt::format("reopening the seccomp filter: {}", std::strerror(errno)));
  return out;
}

}  // namespace

std::vector<std::string> bwrap_argv(const SandboxPlan& plan) {
  std::vector<std::string> argv{plan.bwrap};
  add_namespaces(argv, plan);
  if (plan.seccomp) add(argv, {"--seccomp", std::to_string(k_seccomp_fd)});
  if (plan.hold_fd >= 0) add(argv, {"--block-fd", std::to_string(k_hold_fd)});
  add_environment(argv, plan);
  add_system_dirs(argv);
  add(argv, {"--proc", "/proc", "--dev", "/dev"});
  if (plan.tmp_dir) {
    add(argv, {"--bind", plan.tmp_dir->string(), "/tmp"});
  } else {
    add(argv, {"--perms", "1777", "--size", std::to_string(plan.tmp_bytes), "--tmpfs", "/tmp"});
  }
  for (const auto& dir : plan.read_only) add_read_only(argv, dir);
  if (plan.tools) add_student_tools(argv, *plan.tools);
  if (plan.mount_point != k_sandbox_home) add_read_only_parents(argv, plan.mount_point);
  add(argv, {"--bind", plan.run_dir.string(), plan.mount_point, "--chdir", plan.mount_point});
  // The root is bwrap's own tmpfs: writable (and unbounded) unless made read-only.
  add(argv, {"--remount-ro", "/", "--"});
  if (plan.drop_to)
    add_privilege_drop(argv, *plan.drop_to, plan.drop_group.value_or(*plan.drop_to));
  argv.insert(argv.end(), plan.command.begin(), plan.command.end());
  return argv;
}

SpawnSpec sandbox_spawn(const SandboxPlan& plan, int seccomp_fd) {
  const auto argv = bwrap_argv(plan);
  // bwrap takes options from the file, the command after "--" from its own command line.
  const auto command = std::find(argv.begin(), argv.end(), std::string("--"));
  SpawnSpec spec;
  spec.argv = {plan.bwrap, "--args", std::to_string(k_args_fd)};
  spec.argv.insert(spec.argv.end(), command, argv.end());
  spec.dir = std::string(1, '/');  // bwrap may not be allowed into the worker's directories
  spec.envp = {"PATH=/usr/bin:/bin"};
  spec.passed = {args_memfd({argv.begin() + 1, command}), reopen(seccomp_fd)};
  if (plan.hold_fd >= 0) spec.passed.push_back(plan.hold_fd);
  return spec;
}

std::vector<std::string> prlimit_argv(const Limits& limits, std::chrono::seconds cpu,
                                      bool with_processes) {
  std::vector<std::string> argv{
      "/usr/bin/prlimit", "--core=0", fmt::format("--fsize={}", limits.file_size),
      fmt::format("--cpu={}", cpu.count()), fmt::format("--nofile={}", limits.open_files)};
  if (limits.memory_bytes) argv.push_back(fmt::format("--as={}", *limits.memory_bytes));
  if (with_processes) argv.push_back(fmt::format("--nproc={}", limits.processes));
  argv.emplace_back("--");
  return argv;
}

std::string describe_limits(const Limits& limits, std::chrono::seconds cpu, bool with_processes) {
  return fmt::format(
      "memory {}, processes {}, file size {}, disk {}, cpu {}s, open files {}",
      limits.memory_bytes ? format_size(*limits.memory_bytes) + " per process" : "unlimited",
      with_processes ? std::to_string(limits.processes) : "not limited",
      format_size(limits.file_size), format_size(limits.disk), cpu.count(), limits.open_files);
}

std::uint32_t fresh_sandbox_uid() {
  // /run is emptied at boot: the counter lives exactly as long as the uids it handed out.
  constexpr const char* k_counter = "/run/cs351-sandbox-uids";
  constexpr std::uint32_t k_base = 1'000'000'000;
  constexpr std::uint64_t k_count = 3'000'000'000;  // up to 4e9, below (uid_t)-1
  const int fd = ::open(k_counter, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  std::uint64_t used = 0;
  const bool ok = fd >= 0 && flock(fd, LOCK_EX) == 0 && pread(fd, &used, sizeof used, 0) >= 0 &&
                  pwrite(fd, &++used, sizeof used, 0) == sizeof used;
  const int err = errno;
  if (fd >= 0) ::close(fd);
  if (!ok)
    throw Error(ExitCode::failure,
                fmt::format("sandbox uid counter {}: {}", k_counter, std::strerror(err)));
  return k_base + static_cast<std::uint32_t>(used % k_count);
}

std::string find_bwrap() {
  const char* path = std::getenv("PATH");
  for (const auto& dir : split(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/bwrap";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

}  // namespace cs351::autograde
