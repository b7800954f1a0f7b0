#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "cs351/core/config_edit.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace cs351;

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE_BEGIN("core/config_edit");

TEST_CASE("a missing file is created with the table and the key") {
  test::ScratchDir dir;
  const auto file = dir / "sub" / "config.toml";
  set_config_string(file, "course.default", "CS351-S26");
  CHECK(read(file) == "\n[course]\ndefault = \"CS351-S26\"\n");
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::none);
}

TEST_CASE("the key is replaced in its table, comments and other tables stay") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  write(file,
        "# mine\n[store]\npath = \"/x.db\"\n\n[course] # here\n# help\n# default =\n"
        "default = \"OLD\"  # old one\n\n[mail]\ndefault = \"not this\"\n");
  set_config_string(file, "course.default", "NEW");
  CHECK(read(file) ==
        "# mine\n[store]\npath = \"/x.db\"\n\n[course] # here\n# help\n# default =\n"
        "default = \"NEW\"\n\n[mail]\ndefault = \"not this\"\n");
}

TEST_CASE("a commented-out key gets the value right after it; a missing table is appended") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  write(file, "[course]\n# The default course.\n# default =\n\n[mail]\nx = 1\n");
  set_config_string(file, "course.default", "A \"quoted\" \\ code");
  CHECK(read(file) ==
        "[course]\n# The default course.\n# default =\ndefault = \"A \\\"quoted\\\" \\\\ code\"\n"
        "\n[mail]\nx = 1\n");
  write(file, "[mail]\nx = 1\n");
  set_config_string(file, "course.default", "C");
  CHECK(read(file) == "[mail]\nx = 1\n\n[course]\ndefault = \"C\"\n");
}

TEST_CASE(
    "a key set another way, or a file that does not parse, is a config error; nothing written") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  const std::string dotted = "course.default = \"OLD\"\n";
  write(file, dotted);
  CHECK_THROWS_AS(set_config_string(file, "course.default", "NEW"), Error);
  CHECK(read(file) == dotted);
  write(file, "[course\n");
  try {
    set_config_string(file, "course.default", "NEW");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
  }
  CHECK(read(file) == "[course\n");
}

TEST_CASE("unset removes only the key's line; comments, other tables and a second run stay") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  write(file,
        "# mine\n[course]\n# The default course.\ndefault = \"A\"  # why\nx = 1\n\n[mail]\n"
        "default = \"B\"\n");
  CHECK(unset_config_key(file, "course.default"));
  CHECK(read(file) ==
        "# mine\n[course]\n# The default course.\nx = 1\n\n[mail]\ndefault = \"B\"\n");
  CHECK_FALSE(unset_config_key(file, "course.default"));
  CHECK_FALSE(unset_config_key(dir / "none.toml", "course.default"));
  CHECK_FALSE(std::filesystem::exists(dir / "none.toml"));
}

TEST_CASE("unset of a key set as a dotted key is a config error; nothing written") {
  test::ScratchDir dir;
  const auto file = dir / "config.toml";
  const std::string dotted = "course.default = \"OLD\"\n";
  write(file, dotted);
  CHECK_THROWS_AS(unset_config_key(file, "course.default"), Error);
  CHECK(read(file) == dotted);
}

TEST_SUITE_END();
