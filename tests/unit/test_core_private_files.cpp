#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "cs351/core/error.h"
#include "cs351/core/private_files.h"
#include "support.h"

using namespace cs351;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

fs::perms mode_of(const fs::path& p) {
  return fs::status(p).permissions() & fs::perms::all;
}

constexpr auto k_owner_only = fs::perms::owner_read | fs::perms::owner_write;

}  // namespace

TEST_SUITE_BEGIN("core/private_files");

TEST_CASE("an atomic write creates the file owner-only and leaves nothing beside it") {
  test::ScratchDir dir;
  const auto file = dir / "session.json";
  write_file_atomically(file, std::string("a\0b", 3));
  CHECK(read(file) == std::string("a\0b", 3));
  CHECK(mode_of(file) == k_owner_only);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("an atomic write replaces a file, with the rights the caller asks for") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  write_file_atomically(file, "old and longer\n");
  write_file_atomically(file, "new\n", k_owner_only | fs::perms::group_read);
  CHECK(read(file) == "new\n");
  CHECK(mode_of(file) == (k_owner_only | fs::perms::group_read));
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a write that fails names the file and the system's reason, and changes nothing") {
  test::ScratchDir dir;
  SUBCASE("its folder is missing") {
    try {
      write_file_atomically(dir / "missing" / "x.zip", "bytes");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::failure);
      CHECK(std::string(e.what()) ==
            "cannot write " + (dir / "missing" / "x.zip").string() + ": No such file or directory");
    }
    CHECK(entries(dir.path()) == 0);
  }
  SUBCASE("a folder stands where the file should go") {
    fs::create_directory(dir / "taken");
    try {
      write_file_atomically(dir / "taken", "bytes");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) ==
            "cannot write " + (dir / "taken").string() + ": Is a directory");
    }
    CHECK(fs::is_directory(dir / "taken"));
    CHECK(entries(dir.path()) == 1);
  }
}

TEST_SUITE_END();
