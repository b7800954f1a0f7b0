#include <doctest/doctest.h>

#include <fmt/format.h>

#include "cs351/autograde/tar.h"
#include "cs351/core/error.h"

using namespace cs351;
using namespace cs351::autograde;

namespace {

std::string long_path() {
  return std::string(60, 'd') + "/" + std::string(70, 'f') + ".py";
}

void expect_refused(const std::string& archive, const std::string& message) {
  try {
    read_tar(archive, 1 << 20);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find(message) != std::string::npos);
  }
}

}  // namespace

TEST_SUITE_BEGIN("autograde/tar");

TEST_CASE("round-trips files, long names, empty files and the executable bit") {
  const std::vector<SubmissionFile> files{{"main.py", "print('hi')\n", false},
                                          {long_path(), "x", false},
                                          {"run.sh", "#!/bin/sh\n", true},
                                          {"empty", "", false},
                                          {"ünïcode/名前.txt", std::string(1000, '\0'), false}};
  const auto archive = write_tar(files);
  CHECK(archive.size() % 512 == 0);
  const auto back = read_tar(archive, 1 << 20);
  REQUIRE(back.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(back[i].path == files[i].path);
    CHECK(back[i].content == files[i].content);
    CHECK(back[i].executable == files[i].executable);
  }
}

TEST_CASE("refuses hostile and broken archives") {
  const auto good = write_tar({{"a.txt", "hello", false}});
  expect_refused("", "truncated");
  expect_refused(std::string(100, 'x'), "truncated");
  expect_refused(std::string(1024, 'x'), "checksum");
  expect_refused(good.substr(0, 512 + 100), "truncated");
  auto corrupt = good;
  corrupt[10] = 'Z';
  expect_refused(corrupt, "checksum");
  expect_refused(write_tar({{"../etc/passwd", "x", false}}), "climbs out");
  expect_refused(write_tar({{"a/../../b", "x", false}}), "climbs out");
  expect_refused(write_tar({{"a.txt", "1", false}, {"./a.txt", "2", false}}), "appears twice");
  // Found by fuzzing: such archives passed here and failed in the worker, naming its paths.
  expect_refused(write_tar({{"a", "1", false}, {"a/b", "2", false}}), "'a' is both a file");
  expect_refused(write_tar({{"d/a/b", "1", false}, {"d/a", "2", false}}), "'d/a' is both a file");
  expect_refused(write_tar({{std::string("caf\xe9.py"), "1", false}}), "not UTF-8");
  try {
    read_tar(write_tar({{"big", std::string(5000, 'x'), false}}), 4096);
    FAIL("accepted an oversized archive");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("limit") != std::string::npos);
  }
}

TEST_CASE("refuses links") {
  auto archive = write_tar({{"link", "", false}});
  archive[156] = '2';  // symlink type; fix the checksum so only the type is wrong
  unsigned sum = 0;
  for (int i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(archive[i]);
  const auto field = fmt::format("{:06o}", sum);
  archive.replace(148, 6, field);
  expect_refused(archive, "link or device");
}

TEST_SUITE_END();
