#include "cs351/core/private_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cs351/core/error.h"

namespace cs351 {
namespace fs = std::filesystem;

void create_private_directories(const fs::path& dir) {
  std::error_code ec;
  if (dir.empty() || fs::is_directory(dir, ec)) return;
  if (dir.has_parent_path() && dir.parent_path() != dir)
    create_private_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error(ExitCode::failure,
                fmt::format("cannot create directory {}: {}", dir.string(), std::strerror(errno)));
  }
}

void create_private_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    throw Error(ExitCode::failure,
                fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
  }
}

}  // namespace cs351
