#pragma once
// A minimal zip writer (deflated entries, Unix modes) for the autograder zip
// that Gradescope unpacks.

#include <string>
#include <vector>

namespace cs351::autograde {

struct ZipEntry {
  std::string name;  // '/'-separated, relative
  std::string content;
  bool executable = false;
};

// The bytes of a zip archive holding `entries` in order, with Unix modes
// (0755 or 0644) and a fixed timestamp, so the same input gives the same bytes.
std::string write_zip(const std::vector<ZipEntry>& entries);

}  // namespace cs351::autograde
