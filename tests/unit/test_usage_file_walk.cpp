#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cs351/usage/file_walk.h"
#include "support.h"

using cs351::usage::files_under;
namespace fs = std::filesystem;

namespace {

// What the walk replaced: the standard library's recursive iterator.
std::vector<fs::path> by_std_iterator(const fs::path& root, const std::string& suffix) {
  std::vector<fs::path> out;
  for (auto it =
           fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file() && it->path().extension() == suffix) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "{}\n";
}

}  // namespace

TEST_CASE("files_under finds what the recursive iterator finds in the real transcript trees") {
  const auto root = cs351::test::fixture_path("usage");
  const auto found = files_under(root, ".jsonl");
  CHECK(found == by_std_iterator(root, ".jsonl"));
  CHECK(found.size() >= 20);
}

TEST_CASE("files_under: nesting, other names, links and a dot-file") {
  cs351::test::ScratchDir dir;
  const auto root = dir / "tree";
  touch(root / "a.jsonl");
  touch(root / "projects/-home-x/s1.jsonl");
  touch(root / "projects/-home-x/s1/subagents/agent-1.jsonl");
  touch(root / "projects/-home-x/notes.txt");
  touch(root / "projects/-home-x/s1.jsonl.bak");
  touch(root / "projects/.jsonl");  // no name before the suffix: not a transcript
  fs::create_directories(root / "empty/deeper/still");
  touch(dir / "outside/linked.jsonl");
  touch(dir / "outside-dir/hidden.jsonl");
  fs::create_symlink(dir / "outside/linked.jsonl", root / "link-to-file.jsonl");
  fs::create_directory_symlink(dir / "outside-dir", root / "link-to-dir");
  fs::create_symlink(dir / "missing.jsonl", root / "dangling.jsonl");

  const auto found = files_under(root, ".jsonl");
  CHECK(found == by_std_iterator(root, ".jsonl"));
  std::vector<std::string> names;
  for (const auto& f : found) names.push_back(f.lexically_relative(root).generic_string());
  CHECK(names == std::vector<std::string>{"a.jsonl", "link-to-file.jsonl",
                                          "projects/-home-x/s1/subagents/agent-1.jsonl",
                                          "projects/-home-x/s1.jsonl"});
}

TEST_CASE("files_under: an empty folder gives nothing; a missing one is an error naming it") {
  cs351::test::ScratchDir dir;
  fs::create_directories(dir / "empty");
  CHECK(files_under(dir / "empty", ".jsonl").empty());
  try {
    files_under(dir / "nope", ".jsonl");
    FAIL("no error for a missing folder");
  } catch (const fs::filesystem_error& e) {
    CHECK(e.path1() == dir / "nope");
    CHECK(e.code() == std::errc::no_such_file_or_directory);
  }
}

TEST_CASE("files_under: a folder with more entries than one listing buffer holds") {
  cs351::test::ScratchDir dir;
  const auto root = dir / "many";
  fs::create_directories(root);
  for (int i = 0; i < 1500; ++i)
    std::ofstream(root / ("session-with-a-long-name-" + std::to_string(i) + ".jsonl"));
  const auto found = files_under(root, ".jsonl");
  CHECK(found.size() == 1500);
  CHECK(found == by_std_iterator(root, ".jsonl"));
}
