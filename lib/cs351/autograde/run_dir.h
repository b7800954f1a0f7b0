#pragma once
// The per-attempt run directories under the work root: how much disk one
// uses, handing one to the sandbox's uid, removing one whatever the grader
// did to its permissions, and finding those a killed worker left behind.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace cs351::autograde {

// "run-ID-ATTEMPT" under `work_root`.
std::filesystem::path run_dir_path(const std::filesystem::path& work_root, std::int64_t run_id,
                                   int attempt);

struct RunDirName {
  std::int64_t run_id = 0;
  int attempt = 0;
  std::filesystem::path path;
};
// Every run directory under `work_root` (nothing when it does not exist).
std::vector<RunDirName> list_run_dirs(const std::filesystem::path& work_root);

// Bytes allocated under `dir` (symlinks not followed); counting stops once past `stop_after`.
std::uintmax_t disk_usage(const std::filesystem::path& dir, std::uintmax_t stop_after);

// Makes `dir`. With `own_filesystem` (sandboxed runs) a root worker mounts on
// it a tmpfs of `bytes` (the run's disk limit), so every write past the limit
// fails with ENOSPC, whatever call or path made it; true then. False: an
// ordinary directory. Throws Error when the mount fails.
bool make_run_dir(const std::filesystem::path& dir, std::uint64_t bytes, bool own_filesystem);

// Makes `dir` and everything in it owned by `uid`:`gid` (root workers only).
void hand_over(const std::filesystem::path& dir, std::uint32_t uid, std::uint32_t gid);

// Lets the owning group write `dir` and everything in it; folders pass their
// group on to what is made in them (setgid).
void share_with_group(const std::filesystem::path& dir);

// Unmounts and removes `dir`, first giving back owner rights to any directory the grader
// locked (chmod 0). False when something still could not be removed.
bool remove_run_dir(const std::filesystem::path& dir);

}  // namespace cs351::autograde
