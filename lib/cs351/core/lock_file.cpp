#include "cs351/core/lock_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cs351/core/error.h"

namespace cs351 {

LockFile::LockFile(const std::filesystem::path& path, const std::string& what) {
  std::filesystem::create_directories(path.parent_path());
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (m_fd < 0)
    throw Error(ExitCode::failure,
                fmt::format("cannot open lock {}: {}", path.string(), std::strerror(errno)));
  if (flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(m_fd);
    throw temporary_error(
        fmt::format("another {} is running (lock {} held); try again later", what, path.string()));
  }
  const auto pid = std::to_string(getpid()) + "\n";
  if (ftruncate(m_fd, 0) == 0) (void)!write(m_fd, pid.data(), pid.size());
}

LockFile::~LockFile() {
  flock(m_fd, LOCK_UN);
  ::close(m_fd);
}

}  // namespace cs351
