#include "cs351/core/password_command.h"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdio>

#include "cs351/core/error.h"

namespace cs351 {

std::string run_password_command(const std::string& command, const std::string& setting) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw config_error(setting + ": cannot start the command");
  std::string out;
  char buf[512];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (status != 0) {
    // The command's output might be a partial secret: never echo it.
    throw config_error(
        fmt::format("{} failed (exit {})", setting, WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (out.empty()) throw config_error(setting + " printed no password");
  return out;
}

}  // namespace cs351
