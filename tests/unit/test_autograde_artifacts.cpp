#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cs351/autograde/artifacts.h"
#include "cs351/autograde/submission.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace cs351;
using namespace cs351::autograde;
namespace fs = std::filesystem;

TEST_SUITE_BEGIN("autograde/artifacts");

TEST_CASE(
    "a submission survives its directory, shares identical content and comes back byte for byte") {
  test::ScratchDir dir;
  fs::create_directories(dir / "sub/pkg");
  std::ofstream(dir / "sub/main.py") << "print(1)\n";
  std::ofstream(dir / "sub/pkg/util.py") << "x = 2\n";
  fs::permissions(dir / "sub/main.py", fs::perms::owner_exec, fs::perm_options::add);
  const ArtifactStore store(dir / "artifacts");
  const auto id = store.put_submission(read_submission_dir(dir / "sub", 1 << 20));
  CHECK(id.size() == 64);
  CHECK(store.put_submission(read_submission_dir(dir / "sub", 1 << 20)) == id);
  fs::remove_all(dir / "sub");
  write_submission_dir(store.get_submission(id), dir / "out");
  std::ifstream in(dir / "out/pkg/util.py");
  std::string line;
  std::getline(in, line);
  CHECK(line == "x = 2");
  CHECK((fs::status(dir / "out/main.py").permissions() & fs::perms::owner_exec) != fs::perms::none);
}

// The text becomes the run's failure, which the student reads: what is wrong with the
// submission, never where the worker keeps it.
TEST_CASE("a submission that cannot be unpacked names the file, not the server's folders") {
  test::ScratchDir dir;
  try {
    write_submission_dir({{"a", "1", false}, {"a/b", "2", false}}, dir / "work");
    FAIL("unpacked");
  } catch (const Error& e) {
    const std::string text = e.what();
    CHECK(e.code() == ExitCode::data);
    CHECK(text.find("the submission cannot be unpacked: 'a/b'") != std::string::npos);
    CHECK(text.find(dir.path().string()) == std::string::npos);
  }
}

TEST_CASE("the submission id is the dedupe key: same files in any order, and nothing else") {
  test::ScratchDir dir;
  const ArtifactStore store(dir / "artifacts");
  const std::vector<SubmissionFile> files{{"b.py", "b", false}, {"a.py", "a", true}};
  const auto id = store.put_submission(files);
  CHECK(store.put_submission({files[1], files[0]}) == id);
  CHECK(store.put_submission({{"b.py", "b", false}, {"a.py", "a", false}}) != id);  // mode
  CHECK(store.put_submission({{"b.py", "b", false}, {"a.py", "a!", true}}) != id);  // content
  CHECK(store.put_submission({{"c.py", "b", false}, {"a.py", "a", true}}) != id);   // path
  CHECK(store.put_submission({{"a.py", "a", true}}) != id);                         // a file fewer
}

TEST_CASE("a missing or altered artifact is a data error") {
  test::ScratchDir dir;
  const ArtifactStore store(dir / "artifacts");
  const auto id = store.put_submission({{"a.txt", "hello", false}});
  CHECK_THROWS_AS(store.get_submission(std::string(64, 'f')), Error);
  CHECK_THROWS_AS(store.get_submission("../../etc/passwd"), Error);
  for (const auto& e : fs::recursive_directory_iterator(dir / "artifacts")) {
    if (e.is_regular_file() && e.path().filename() != id.substr(2))
      std::ofstream(e.path()) << "tampered";
  }
  CHECK_THROWS_WITH_AS(store.get_submission(id), doctest::Contains("corrupt"), Error);
}

TEST_CASE("reading a submission directory refuses links, oversize and missing directories") {
  test::ScratchDir dir;
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub/a.txt") << std::string(100, 'x');
  CHECK_THROWS_WITH_AS(read_submission_dir(dir / "sub", 50), doctest::Contains("larger than"),
                       Error);
  CHECK_THROWS_WITH_AS(read_submission_dir(dir / "nope", 50), doctest::Contains("not a directory"),
                       Error);
  fs::create_symlink("/etc/passwd", dir / "sub/link");
  CHECK_THROWS_WITH_AS(read_submission_dir(dir / "sub", 1000), doctest::Contains("symlink"), Error);
}

TEST_CASE("paths are normalised or refused") {
  CHECK(checked_relative_path("./a//b/./c.py", "t") == "a/b/c.py");
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a\nb", ".", "a/\x01"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(checked_relative_path(bad, "t"), Error);
  }
}

TEST_SUITE_END();
