#pragma once
// The one exception family of the library. A command that cannot go on throws
// `Error` with the exit code a script should see; the CLI prints it once.

#include <stdexcept>
#include <string>

namespace cs351 {

// Exit codes as documented in docs/exit-codes.md (sysexits.h values where one fits).
enum class ExitCode : int {
  ok = 0,
  failure = 1,
  usage = 2,
  data = 65,         // bad input data (CSV, HTML, JSON, a malformed token)
  no_input = 66,     // an input that is not there (the store a command reads)
  unavailable = 69,  // a remote service is down or answered 5xx
  temporary = 75,    // lock held, throttled: retry later
  no_perm = 77,      // not authorised (login failed, token rejected)
  config = 78,       // configuration error
  interrupted = 130,
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
  ExitCode code() const { return m_code; }

 private:
  ExitCode m_code;
};

// Shorthands for the common kinds, so throw sites read as what went wrong.
inline Error usage_error(const std::string& m) {
  return Error(ExitCode::usage, m);
}
inline Error data_error(const std::string& m) {
  return Error(ExitCode::data, m);
}
inline Error no_input_error(const std::string& m) {
  return Error(ExitCode::no_input, m);
}
inline Error config_error(const std::string& m) {
  return Error(ExitCode::config, m);
}
inline Error unavailable_error(const std::string& m) {
  return Error(ExitCode::unavailable, m);
}
inline Error temporary_error(const std::string& m) {
  return Error(ExitCode::temporary, m);
}
inline Error auth_error(const std::string& m) {
  return Error(ExitCode::no_perm, m);
}

}  // namespace cs351
