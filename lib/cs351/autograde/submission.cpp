#include "cs351/autograde/submission.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "cs351/autograde/assignment_config.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

std::string checked_relative_path(std::string_view path, std::string_view where) {
  auto bad = [&](const char* why) {
    return data_error(fmt::format("{}: unsafe path '{}': {}", where, path, why));
  };
  if (path.size() > 4096) throw bad("longer than 4096 bytes");
  if (!path.empty() && path.front() == '/') throw bad("absolute");
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f) throw bad("control character");
  }
  if (invalid_utf8_at(path)) throw bad("not UTF-8");
  std::string out;
  for (const auto& part : split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") throw bad("climbs out with '..'");
    out += (out.empty() ? "" : "/") + part;
  }
  if (out.empty()) throw bad("empty");
  return out;
}

std::vector<SubmissionFile> read_submission_dir(const fs::path& dir, std::uint64_t max_total) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw data_error(fmt::format("{}: not a directory", dir.string()));
  std::vector<SubmissionFile> files;
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto status = it->symlink_status();
    if (fs::is_directory(status)) continue;
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!fs::is_regular_file(status)) {
      throw data_error(
          fmt::format("{}: '{}' is a symlink or special file; submissions hold regular files only",
                      dir.string(), rel));
    }
    total += it->file_size();
    if (total > max_total) {
      throw data_error(
          fmt::format("{}: submission is larger than {} (autograde.max_submission_size)",
                      dir.string(), format_size(max_total)));
    }
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) throw data_error(fmt::format("{}: cannot read", it->path().string()));
    const bool exec = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
    files.push_back({checked_relative_path(rel, dir.string()),
                     std::string(std::istreambuf_iterator<char>(in), {}), exec});
  }
  if (ec) throw data_error(fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

// Errors name the file inside the submission, never where the worker keeps it: the text ends up
// in the run's failure, which the student reads.
void write_submission_dir(const std::vector<SubmissionFile>& files, const fs::path& dest) {
  fs::create_directories(dest);
  for (const auto& f : files) {
    const std::string rel = checked_relative_path(f.path, "submission");
    const fs::path target = dest / rel;
    auto fail = [&](const std::string& why) {
      return data_error(fmt::format("the submission cannot be unpacked: '{}': {}", rel, why));
    };
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw fail(fmt::format("cannot create its folder ({})", ec.message()));
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(f.content.data(), static_cast<std::streamsize>(f.content.size()));
    if (!out) throw fail("cannot write it (a folder of that name, or the disk is full)");
    out.close();
    auto perms = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                 fs::perms::others_read;
    if (f.executable)
      perms |= fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
    fs::permissions(target, perms, ec);
  }
}

}  // namespace cs351::autograde
