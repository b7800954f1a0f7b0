#pragma once
// The error for a file that could not be written, with the operating system's reason.

#include <cerrno>
#include <cstring>
#include <string>

#include "cs351/core/error.h"

namespace cs351 {

// "cannot write PATH: REASON" (exit 1), REASON being what the failed open or write left
// in errno ("No space left on device", "Permission denied", "Is a directory").
inline Error cannot_write(const std::string& path) {
  const int reason = errno;
  return Error(ExitCode::failure, "cannot write " + path + ": " +
                                      (reason != 0 ? std::strerror(reason) : "write failed"));
}

}  // namespace cs351
