#pragma once
// Reading a secret from the terminal without echo, or the first line of stdin.

#include <string>

namespace cs351::cli {

// Prompts on /dev/tty with echo off; a usage Error when there is no terminal.
std::string prompt_secret(const std::string& prompt);

// The first line of stdin (trailing CR/LF removed); a usage Error when empty.
std::string read_secret_line(const std::string& what);

}  // namespace cs351::cli
