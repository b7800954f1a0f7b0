#pragma once
// Checks on option values that read as words: in --help and the man pages ("N (a positive
// number)", "N (1..64)") and in the error ("--limit must be at least 1"), never the
// parser's type names or a 309-digit range.

#include <CLI/CLI.hpp>

#include <string>

namespace cs351::cli {

// A whole number >= `min`; min 1 reads "a positive number".
CLI::Validator at_least(long long min);
// Any number above 0 (points, weights); reads "a positive number".
CLI::Validator above_zero();
// A real calendar day, YYYY-MM-DD (2026-13-01 and 2026-02-30 are refused).
CLI::Validator calendar_day();
// A time as parse_time reads it (ISO-8601, offset optional).
CLI::Validator time_point();
// A whole number in [lo, hi]; reads "lo..hi".
CLI::Validator between(long long lo, long long hi);

// What an option's value is called in help: "N", "PATH", "CODE" (the parser's INT,
// UINT, FLOAT read as N), and a note from its checks ("a positive number", "1..64",
// "auto|always|never"), empty when it has none.
struct ValueText {
  std::string label;
  std::string note;
};
ValueText value_text(const CLI::Option& option);

// The help's words for an option's value and default: " N (a positive number)",
// " CODE (required)", " WHEN (auto|always|never; default auto)".
std::string option_value_help(const CLI::Option& option);

// A CLI11 check failure as a sentence: "--limit: must be at least 1" -> "--limit must be at
// least 1"; other messages unchanged.
std::string check_failure_text(const std::string& message);

}  // namespace cs351::cli
