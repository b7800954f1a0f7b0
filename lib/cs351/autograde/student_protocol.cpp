#include "cs351/autograde/student_protocol.h"

#include <fmt/format.h>

#include <charconv>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

Error bad(const std::string& what) {
  return Error(ExitCode::data, fmt::format("student runner request: {}", what));
}

std::optional<long long> number(std::string_view text) {
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace

// "TIMEOUT_MS\0ARG\0ARG\0...", TIMEOUT_MS empty for the rest of the run.
std::string encode_request(const StudentRequest& request) {
  std::string out = request.timeout ? std::to_string(request.timeout->count()) : "";
  out.push_back('\0');
  for (const auto& arg : request.argv) out.append(arg).push_back('\0');
  return out;
}

StudentRequest decode_request(const std::string& text) {
  if (text.size() > k_max_student_request) throw bad("too long");
  if (text.empty() || text.back() != '\0') throw bad("not NUL-terminated");
  std::vector<std::string> fields;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\0', at);
    fields.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  StudentRequest request;
  if (!fields.front().empty()) {
    const auto ms = number(fields.front());
    if (!ms || *ms <= 0)
      throw bad(fmt::format("timeout \"{}\" is not a positive number", fields.front()));
    request.timeout = std::chrono::milliseconds(*ms);
  }
  request.argv.assign(fields.begin() + 1, fields.end());
  if (request.argv.empty() || request.argv.front().empty()) throw bad("no command");
  return request;
}

std::string encode_outcome(const StudentOutcome& outcome) {
  if (!outcome.error.empty()) return "error " + outcome.error;
  if (outcome.timed_out) return "timeout";
  if (outcome.signal) return fmt::format("signal {}", *outcome.signal);
  return fmt::format("exit {}", outcome.exit_code.value_or(0));
}

StudentOutcome decode_outcome(const std::string& text) {
  StudentOutcome out;
  const auto value = [&](std::string_view prefix) {
    return text.starts_with(prefix) ? number(std::string_view(text).substr(prefix.size()))
                                    : std::nullopt;
  };
  if (text == "timeout") {
    out.timed_out = true;
  } else if (const auto code = value("exit ")) {
    out.exit_code = static_cast<int>(*code);
  } else if (const auto sig = value("signal ")) {
    out.signal = static_cast<int>(*sig);
  } else {
    out.error = text.starts_with("error ") ? text.substr(6) : "unreadable reply: " + text;
  }
  return out;
}

int outcome_status(const StudentOutcome& outcome) {
  if (!outcome.error.empty()) return 125;
  if (outcome.timed_out) return 124;
  if (outcome.signal) return 128 + *outcome.signal;
  return outcome.exit_code.value_or(125);
}

}  // namespace cs351::autograde
