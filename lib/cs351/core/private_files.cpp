#include "cs351/core/private_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cs351/core/error.h"
#include "cs351/core/write_error.h"

namespace cs351 {
namespace fs = std::filesystem;
namespace {

// cannot_write for `file`, with the reason the failed call left in errno; the temp file removed.
Error failed(const fs::path& file, const std::string& temp) {
  const Error error = cannot_write(file.string());
  ::unlink(temp.c_str());
  return error;
}

bool write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

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

void write_file_atomically(const fs::path& file, std::string_view bytes, fs::perms mode) {
  std::string temp = file.string() + ".tmp.XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // 0600, a name no one else holds
  if (fd < 0) throw cannot_write(file.string());
  const bool written = write_all(fd, bytes) &&
                       ::fchmod(fd, static_cast<mode_t>(mode & fs::perms::mask)) == 0 &&
                       ::fsync(fd) == 0;
  if (!written) {
    const Error error = failed(file, temp);
    ::close(fd);
    throw error;
  }
  // Closed once, on every path: a failed close is not retried (the descriptor is gone).
  if (::close(fd) != 0 || ::rename(temp.c_str(), file.c_str()) != 0) throw failed(file, temp);
}

}  // namespace cs351
