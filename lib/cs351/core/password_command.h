#pragma once
// A secret from a command staff configure (`*.password_command`, e.g. `pass show cs351/db`):
// run with /bin/sh, its stdout (trailing newlines removed) is the secret. It never
// reaches a message, an argv or the environment of another process.

#include <string>

namespace cs351 {

// A config Error (78) naming `setting` when the command cannot start, fails or prints nothing.
std::string run_password_command(const std::string& command, const std::string& setting);

}  // namespace cs351
