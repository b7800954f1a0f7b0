#include "cs351/autograde/sandbox.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "cs351/autograde/assignment_config.h"
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

void add_privilege_drop(std::vector<std::string>& argv, std::uint32_t uid) {
  const std::string id = std::to_string(uid);
  add(argv, {"/usr/bin/setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups",
             "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs", "--"});
}

// Directories bwrap makes on the way to a mount point would be 0700 (owned
// by the sandbox's root), so the grader's uid could not reach the mount.
void add_read_only(std::vector<std::string>& argv, const fs::path& dir) {
  fs::path ancestor;
  for (auto it = dir.begin(); it != dir.end() && std::next(it) != dir.end(); ++it) {
    ancestor /= *it;
    if (ancestor != ancestor.root_path())
      add(argv, {"--perms", "0755", "--dir", ancestor.string()});
  }
  add(argv, {"--ro-bind", dir.string(), dir.string()});
}

}  // namespace

std::vector<std::string> bwrap_argv(const SandboxPlan& plan) {
  std::vector<std::string> argv{plan.bwrap};
  add_namespaces(argv, plan);
  add_environment(argv, plan);
  add_system_dirs(argv);
  add(argv, {"--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size",
             std::to_string(plan.tmp_bytes), "--tmpfs", "/tmp"});
  for (const auto& dir : plan.read_only) add_read_only(argv, dir);
  add(argv, {"--bind", plan.run_dir.string(), k_sandbox_home, "--chdir", k_sandbox_home, "--"});
  if (plan.drop_to) add_privilege_drop(argv, *plan.drop_to);
  argv.insert(argv.end(), plan.command.begin(), plan.command.end());
  return argv;
}

std::vector<std::string> prlimit_argv(const Limits& limits, std::chrono::seconds cpu,
                                      bool with_processes) {
  std::vector<std::string> argv{"/usr/bin/prlimit", "--core=0",
                                fmt::format("--fsize={}", limits.file_size),
                                fmt::format("--cpu={}", cpu.count())};
  if (limits.memory_bytes) argv.push_back(fmt::format("--as={}", *limits.memory_bytes));
  if (with_processes) argv.push_back(fmt::format("--nproc={}", limits.processes));
  argv.emplace_back("--");
  return argv;
}

std::string describe_limits(const Limits& limits, std::chrono::seconds cpu, bool with_processes) {
  return fmt::format(
      "memory {}, processes {}, file size {}, disk {}, cpu {}s",
      limits.memory_bytes ? format_size(*limits.memory_bytes) + " per process" : "unlimited",
      with_processes ? std::to_string(limits.processes) : "not limited",
      format_size(limits.file_size), format_size(limits.disk), cpu.count());
}

std::uint32_t fresh_sandbox_uid() {
  static std::atomic<std::uint32_t> counter{0};
  constexpr std::uint32_t k_base = 1'000'000'000;
  const auto pid = static_cast<std::uint32_t>(getpid()) & 0x3fffff;  // pid_max is at most 2^22
  return k_base + (pid << 8) + (counter.fetch_add(1) & 0xff);
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
