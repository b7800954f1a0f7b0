#pragma once
// Reads a transcript from a byte offset, one complete line at a time, with a
// fixed-size buffer: memory does not grow with the file, only with the
// longest line (capped: longer lines are skipped and counted).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace cs351::usage {

struct StreamResult {
  std::uint64_t consumed = 0;  // offset after the last complete line read
  std::int64_t lines = 0, too_long = 0;
};

// Calls `on_line(line, offset)` for each newline-terminated line from `start`;
// a last line without a newline is passed only when `accept_tail(line)` says
// it is whole (a writer may still be appending to it).
StreamResult stream_lines(const std::filesystem::path& path, std::uint64_t start,
                          std::int64_t max_line_bytes,
                          const std::function<void(std::string_view, std::uint64_t)>& on_line,
                          const std::function<bool(std::string_view)>& accept_tail);

}  // namespace cs351::usage
