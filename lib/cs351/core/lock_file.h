#pragma once
// An exclusive lock on a file (flock), so two cron runs never overlap. The
// lock goes away with the process, even after kill -9.

#include <filesystem>
#include <string>

namespace cs351 {

class LockFile {
 public:
  // Throws a temporary Error (exit 75) naming `what` when another process holds it.
  LockFile(const std::filesystem::path& path, const std::string& what);
  ~LockFile();
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;

 private:
  int m_fd;
};

}  // namespace cs351
