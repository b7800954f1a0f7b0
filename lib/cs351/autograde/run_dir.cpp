#include "cs351/autograde/run_dir.h"

#include <fmt/format.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "cs351/autograde/assignment_config.h"
#include "cs351/core/error.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

std::optional<RunDirName> parse_name(const fs::path& path) {
  const std::string name = path.filename().string();
  if (!name.starts_with("run-")) return std::nullopt;
  const auto dash = name.find('-', 4);
  if (dash == std::string::npos) return std::nullopt;
  RunDirName out;
  out.path = path;
  const char* end = name.data() + name.size();
  const auto id = std::from_chars(name.data() + 4, name.data() + dash, out.run_id);
  const auto attempt = std::from_chars(name.data() + dash + 1, end, out.attempt);
  if (id.ec != std::errc() || id.ptr != name.data() + dash || attempt.ec != std::errc() ||
      attempt.ptr != end) {
    return std::nullopt;
  }
  return out;
}

// Gives the owner rwx on every directory under `dir`, so its entries can be removed.
void unlock_dirs(const fs::path& dir) {
  std::error_code ec;
  ::chmod(dir.c_str(), S_IRWXU);
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), S_IRWXU);
  }
}

}  // namespace

fs::path run_dir_path(const fs::path& work_root, std::int64_t run_id, int attempt) {
  return work_root / fmt::format("run-{}-{}", run_id, attempt);
}

std::vector<RunDirName> list_run_dirs(const fs::path& work_root) {
  std::vector<RunDirName> out;
  std::error_code ec;
  for (fs::directory_iterator it(work_root, ec), end; !ec && it != end; it.increment(ec)) {
    if (auto parsed = parse_name(it->path())) out.push_back(*parsed);
  }
  return out;
}

std::uintmax_t disk_usage(const fs::path& dir, std::uintmax_t stop_after) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end && total <= stop_after; it.increment(ec)) {
    struct stat st {};
    // Each entry costs at least an inode's worth, so a million empty files count too.
    if (::lstat(it->path().c_str(), &st) == 0)
      total += std::max<std::uintmax_t>(static_cast<std::uintmax_t>(st.st_blocks) * 512, 512);
  }
  return total;
}

void hand_over(const fs::path& dir, std::uint32_t uid, std::uint32_t gid) {
  std::error_code ec;
  ::lchown(dir.c_str(), uid, gid);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    ::lchown(it->path().c_str(), uid, gid);
}

void share_with_group(const fs::path& dir) {
  std::error_code ec;
  const auto share = [](const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return;
    ::chmod(p.c_str(), (st.st_mode & 07777) | S_IRGRP | S_IWGRP |
                           (S_ISDIR(st.st_mode) ? S_IXGRP | S_ISGID : 0));
  };
  share(dir);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    share(it->path());
}

bool make_run_dir(const fs::path& dir, std::uint64_t bytes, bool own_filesystem) {
  fs::create_directories(dir);
  if (!own_filesystem || ::geteuid() != 0) return false;
  const std::string options = fmt::format("size={},mode=0755", bytes);
  if (::mount("cs351-run", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
    throw Error(ExitCode::failure,
                fmt::format("cannot mount the run's {} filesystem on {}: {}", format_size(bytes),
                            dir.string(), std::strerror(errno)));
  return true;
}

bool remove_run_dir(const fs::path& dir) {
  ::umount2(dir.c_str(), MNT_DETACH);  // the run's own tmpfs, when it has one
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (!ec) return true;
  unlock_dirs(dir);
  ec.clear();
  fs::remove_all(dir, ec);
  return !ec;
}

}  // namespace cs351::autograde
