#pragma once
// A cgroup per run, so the kernel bounds what a run's processes hold
// together: memory (page cache, tmpfs and memfd pages included, no swap) and
// the number of processes. cgroup v1's memory and pids hierarchies where the
// machine mounts them (writable by a root worker), else cgroup v2 where the
// worker was delegated its cgroup (systemd-run --scope -p Delegate=yes, or a
// unit's Delegate=): the worker moves itself into a leaf so that its run
// cgroups may enable the memory and pids controllers.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cs351::autograde {

enum class CgroupVersion { v1, v2 };

struct CgroupParents {
  CgroupVersion version = CgroupVersion::v1;
  std::filesystem::path memory;  // where run cgroups are made (v2: both controllers)
  std::filesystem::path pids;    // v1 only
};

// Where this process may make run cgroups, found and checked once; nullopt
// with `problem()` saying why when neither version is usable.
const std::optional<CgroupParents>& cgroup_parents();
const std::string& cgroup_problem();

struct CgroupLimits {
  std::optional<std::uint64_t> memory_bytes;
  std::uint64_t processes = 256;
};

class RunCgroup {
 public:
  // Makes `name` under the parents and writes the limits; throws Error on failure.
  RunCgroup(const CgroupParents& parents, const std::string& name, const CgroupLimits& limits);
  ~RunCgroup();
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;

  // Open cgroup.procs files: a process that writes "0" to each joins the run.
  const std::vector<int>& procs_fds() const { return m_procs; }
  // True once the kernel killed a process of the run for its memory limit.
  bool memory_limit_hit() const;
  // "cgroup v1: memory 256M (incl. tmpfs and memfd), processes 64" for the run log.
  std::string describe() const;

 private:
  void release();  // closes the files and removes the cgroups
  CgroupParents m_parents;
  std::vector<std::filesystem::path> m_dirs;
  std::vector<int> m_procs;
  CgroupLimits m_limits;
};

// Removes the run cgroups that workers no longer alive on this machine left
// (a killed worker cannot remove its own); returns how many.
int remove_stale_cgroups(const CgroupParents& parents);

// The memory cgroup's count of OOM kills, from memory.oom_control (v1) or
// memory.events (v2) text; 0 when absent.
std::uint64_t oom_kills(const std::string& text);

}  // namespace cs351::autograde
