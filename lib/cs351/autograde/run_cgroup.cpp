#include "cs351/autograde/run_cgroup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "cs351/autograde/assignment_config.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

const fs::path k_cgroup_root = "/sys/fs/cgroup";

// A run's processes are already dead (their pid namespace ended); the kernel
// needs a moment before their cgroup can be removed.
constexpr std::chrono::milliseconds k_remove_deadline{5000};

bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  if (!out)
    throw Error(ExitCode::failure, fmt::format("cannot write {} to {}", text, file.string()));
}

// The path of this process's cgroup in the hierarchy whose controller list
// (second field of /proc/self/cgroup) names `controller` ("" for v2's "0::").
std::optional<std::string> own_cgroup(const std::string& controller) {
  std::istringstream lines(read_text("/proc/self/cgroup"));
  for (std::string line; std::getline(lines, line);) {
    const auto parts = split(line, ':');
    if (parts.size() < 3) continue;
    if (controller.empty() ? parts[0] == "0" && parts[1].empty()
                           : has(split(parts[1], ','), controller))
      return line.substr(parts[0].size() + parts[1].size() + 2);
  }
  return std::nullopt;
}

// True when a child cgroup can be made and removed under `dir`.
bool can_make_children(const fs::path& dir) {
  const fs::path probe = dir / fmt::format("cs351-probe-{}", getpid());
  if (::mkdir(probe.c_str(), 0755) != 0) return false;
  ::rmdir(probe.c_str());
  return true;
}

std::optional<CgroupParents> find_v1(std::string& problem) {
  const auto memory = own_cgroup("memory");
  const auto pids = own_cgroup("pids");
  if (!memory || !pids) {
    problem = "cgroup v1: no memory and pids hierarchies in /proc/self/cgroup";
    return std::nullopt;
  }
  CgroupParents p{CgroupVersion::v1, k_cgroup_root / "memory" / fs::path(*memory).relative_path(),
                  k_cgroup_root / "pids" / fs::path(*pids).relative_path()};
  if (!can_make_children(p.memory) || !can_make_children(p.pids)) {
    problem = fmt::format("cgroup v1: cannot make cgroups under {} and {} (not root?)",
                          p.memory.string(), p.pids.string());
    return std::nullopt;
  }
  return p;
}

// On v2 a cgroup with processes cannot hand controllers to its children: the
// worker moves itself into a leaf of its own delegated cgroup first.
std::optional<CgroupParents> find_v2(std::string& problem) {
  const auto own = own_cgroup("");
  const fs::path dir = k_cgroup_root / fs::path(own.value_or("/")).relative_path();
  const auto controllers = split(trim(read_text(dir / "cgroup.controllers")), ' ');
  if (!has(controllers, "memory") || !has(controllers, "pids")) {
    problem = fmt::format(
        "cgroup v2: {} does not offer the memory and pids controllers (run the worker in a "
        "systemd scope or unit with Delegate=yes)",
        dir.string());
    return std::nullopt;
  }
  try {
    const fs::path leaf = dir / "cs351-worker";
    if (!fs::exists(leaf)) fs::create_directory(leaf);
    write_text(leaf / "cgroup.procs", std::to_string(getpid()));
    write_text(dir / "cgroup.subtree_control", "+memory +pids");
  } catch (const std::exception& e) {
    problem =
        fmt::format("cgroup v2: {} is not delegated to this user: {}", dir.string(), e.what());
    return std::nullopt;
  }
  return CgroupParents{CgroupVersion::v2, dir, dir};
}

struct Probe {
  std::optional<CgroupParents> parents;
  std::string problem;
};

const Probe& probe() {
  static const Probe result = [] {
    Probe p;
    if (fs::exists(k_cgroup_root / "cgroup.controllers")) {
      p.parents = find_v2(p.problem);
    } else {
      p.parents = find_v1(p.problem);
    }
    return p;
  }();
  return result;
}

int open_procs(const fs::path& dir) {
  const int fd = ::open((dir / "cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(ExitCode::failure,
                fmt::format("cannot open {}/cgroup.procs: {}", dir.string(), std::strerror(errno)));
  return fd;
}

void kill_members(const fs::path& dir) {
  std::istringstream pids(read_text(dir / "cgroup.procs"));
  for (long pid = 0; pids >> pid;) ::kill(static_cast<pid_t>(pid), SIGKILL);
}

void remove_dir(const fs::path& dir) {
  const auto deadline = std::chrono::steady_clock::now() + k_remove_deadline;
  while (::rmdir(dir.c_str()) != 0 && errno == EBUSY &&
         std::chrono::steady_clock::now() < deadline) {
    kill_members(dir);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

const std::optional<CgroupParents>& cgroup_parents() {
  return probe().parents;
}
const std::string& cgroup_problem() {
  return probe().problem;
}

RunCgroup::RunCgroup(const CgroupParents& parents, const std::string& name,
                     const CgroupLimits& limits)
    : m_parents(parents), m_limits(limits) {
  const bool v1 = parents.version == CgroupVersion::v1;
  const fs::path memory = parents.memory / name;
  const fs::path pids = v1 ? parents.pids / name : memory;
  try {
    for (const auto& dir : v1 ? std::vector<fs::path>{memory, pids} : std::vector{memory}) {
      fs::create_directory(dir);
      m_dirs.push_back(dir);
    }
    const std::string memory_max =
        limits.memory_bytes ? std::to_string(*limits.memory_bytes) : (v1 ? "-1" : "max");
    write_text(memory / (v1 ? "memory.limit_in_bytes" : "memory.max"), memory_max);
    // No swap either: the limit is real memory, not memory plus swap.
    if (v1 && fs::exists(memory / "memory.memsw.limit_in_bytes"))
      write_text(memory / "memory.memsw.limit_in_bytes", memory_max);
    if (!v1) write_text(memory / "memory.swap.max", "0");
    write_text(pids / "pids.max", std::to_string(limits.processes));
    for (const auto& dir : m_dirs) m_procs.push_back(open_procs(dir));
  } catch (...) {
    release();
    throw;
  }
}

RunCgroup::~RunCgroup() {
  release();
}

void RunCgroup::release() {
  for (const int fd : m_procs) ::close(fd);
  m_procs.clear();
  for (const auto& dir : m_dirs) remove_dir(dir);
  m_dirs.clear();
}

bool RunCgroup::memory_limit_hit() const {
  if (m_dirs.empty()) return false;
  const bool v1 = m_parents.version == CgroupVersion::v1;
  return oom_kills(read_text(m_dirs.front() / (v1 ? "memory.oom_control" : "memory.events"))) > 0;
}

std::string RunCgroup::describe() const {
  return fmt::format(
      "cgroup {}: memory {} (incl. tmpfs and memfd), processes {}",
      m_parents.version == CgroupVersion::v1 ? "v1" : "v2",
      m_limits.memory_bytes ? format_size(*m_limits.memory_bytes) : std::string("unlimited"),
      m_limits.processes);
}

int remove_stale_cgroups(const CgroupParents& parents) {
  int removed = 0;
  for (const auto& parent : {parents.memory, parents.pids}) {
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
      const auto parts = split(it->path().filename().string(), '-');  // cs351-run-PID-N
      if (parts.size() != 4 || parts[0] != "cs351" || parts[1] != "run") continue;
      const long pid = std::strtol(parts[2].c_str(), nullptr, 10);
      if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
      if (::rmdir(it->path().c_str()) == 0) ++removed;
    }
    if (parents.version == CgroupVersion::v2) break;  // one directory holds both
  }
  return removed;
}

std::uint64_t oom_kills(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("oom_kill "))
      return std::strtoull(line.c_str() + std::strlen("oom_kill "), nullptr, 10);
  }
  return 0;
}

}  // namespace cs351::autograde
