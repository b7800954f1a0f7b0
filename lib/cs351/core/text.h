#pragma once
// Small text helpers with no domain knowledge.

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351 {

std::string to_lower_ascii(std::string_view s);
std::string_view trim(std::string_view s);
// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view s);
// Whole file (or stdin for "-") as bytes; throws Error (exit 65 for "-" read
// failures, 1 for unreadable files) naming the path.
std::string read_input(const std::string& path);
// The first line of `in` without its newline, reading at most `max_bytes` before it: a
// short secret piped on stdin must not make us swallow whatever follows it. Throws a
// data Error naming `what` when the line is longer.
std::string read_bounded_line(std::istream& in, std::size_t max_bytes, std::string_view what);
std::vector<std::string> split(std::string_view s, char sep);
// The whole text as one finite decimal number ("0.05", "-1", "2e3"); nullopt for anything
// else, including surrounding blanks, NaN and infinities.
std::optional<double> parse_finite_number(std::string_view s);
// Levenshtein distance (insertions, deletions, substitutions of single bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace cs351
