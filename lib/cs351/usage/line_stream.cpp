#include "cs351/usage/line_stream.h"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "cs351/core/error.h"

namespace cs351::usage {
namespace {

constexpr std::size_t k_chunk = 1 << 20;

// Holds the bytes of the line being assembled; a line past the cap is
// dropped as it streams by, so the buffer never exceeds cap + one chunk.
struct LineBuffer {
  std::string bytes;
  std::uint64_t start = 0;
  bool overflow = false;
};

}  // namespace

StreamResult stream_lines(const std::filesystem::path& path, std::uint64_t start,
                          std::int64_t max_line_bytes,
                          const std::function<void(std::string_view, std::uint64_t)>& on_line,
                          const std::function<bool(std::string_view)>& accept_tail) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw data_error(fmt::format("{}: cannot read", path.string()));
  in.seekg(static_cast<std::streamoff>(start));
  StreamResult r{start, 0, 0};
  // One buffer per thread for every file it reads: a fresh 1 MiB per file
  // cost page faults and zeroing on each of a class's thousand files.
  thread_local std::vector<char> chunk(k_chunk);
  LineBuffer line{{}, start, false};
  std::uint64_t pos = start;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    std::size_t from = 0;
    while (const auto* nl =
               static_cast<const char*>(std::memchr(chunk.data() + from, '\n', got - from))) {
      const auto i = static_cast<std::size_t>(nl - chunk.data());
      // A line wholly inside the chunk is handed over where it lies, uncopied.
      const std::string_view here(chunk.data() + from, i - from);
      if (line.overflow) {
        ++r.too_long;
      } else if (line.bytes.empty()) {
        if (!here.empty()) on_line(here, line.start);
      } else {
        line.bytes.append(here);
        on_line(line.bytes, line.start);
      }
      ++r.lines;
      r.consumed = pos + i + 1;
      line.bytes.clear();  // keeps its capacity for the next long line
      line.start = r.consumed;
      line.overflow = false;
      from = i + 1;
    }
    if (!line.overflow) line.bytes.append(chunk.data() + from, got - from);
    if (static_cast<std::int64_t>(line.bytes.size()) > max_line_bytes) {
      line.overflow = true;
      line.bytes.clear();
    }
    pos += got;
  }
  if (!line.overflow && !line.bytes.empty() && accept_tail(line.bytes)) {
    on_line(line.bytes, line.start);
    ++r.lines;
    r.consumed = pos;
  }
  return r;
}

}  // namespace cs351::usage
