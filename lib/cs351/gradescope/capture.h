#pragma once
// `gradescope capture`: one page of each kind from the live site, scrubbed of
// every person and token, written as fixture files.

#include <filesystem>
#include <string>
#include <vector>

#include "cs351/gradescope/session.h"

namespace cs351::gradescope {

struct CapturedPage {
  std::string kind, file, path;
  std::string body;  // scrubbed
};

struct Capture {
  std::vector<CapturedPage> pages;
  std::size_t people = 0;                // distinct people replaced by fakes
  std::vector<std::string> unavailable;  // "extensions: HTTP 404 ..." (pages not captured)
};

// Fetches account, memberships, assignments and, for the first assignment,
// extensions, scores.csv, submissions and one submission's history; scrubs
// them all. Throws a data Error (and returns nothing) when any original value
// survives scrubbing. Authentication failures propagate.
Capture capture_pages(Session& session, const std::string& gradescope_course_id);

// The files of `capture` already in `dir` (what writing it would overwrite).
std::vector<std::filesystem::path> existing_files(const Capture& capture,
                                                  const std::filesystem::path& dir);
// Writes each page into `dir` (created), replacing files of the same name.
void write_capture(const Capture& capture, const std::filesystem::path& dir);

}  // namespace cs351::gradescope
