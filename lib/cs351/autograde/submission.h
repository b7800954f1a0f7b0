#pragma once
// Submission files in memory, with the one path check every entry point uses
// (a directory on disk, a tar upload, the artifact store).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::autograde {

struct SubmissionFile {
  std::string path;  // relative, '/'-separated, checked by checked_relative_path
  std::string content;
  bool executable = false;
};

// `path` normalised ("./a//b" -> "a/b"); a data Error naming `where` when it is
// empty, absolute, climbs with "..", or holds control characters.
std::string checked_relative_path(std::string_view path, std::string_view where);

// Every regular file under `dir`, sorted by path. Data Error (exit 65) for a
// missing directory, a symlink or special file, or more than `max_total` bytes.
std::vector<SubmissionFile> read_submission_dir(const std::filesystem::path& dir,
                                                std::uint64_t max_total);

// Writes `files` under `dest` (created), keeping the executable bit.
void write_submission_dir(const std::vector<SubmissionFile>& files,
                          const std::filesystem::path& dest);

}  // namespace cs351::autograde
