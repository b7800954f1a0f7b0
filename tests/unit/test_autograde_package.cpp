#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cs351/autograde/package.h"
#include "cs351/core/error.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

PackageOptions good() {
  return {"https://grader.example.edu", "tok", "hw1", "", 9min};
}

ExitCode refusal(const PackageOptions& o) {
  try {
    package_entries(o);
  } catch (const Error& e) {
    return e.code();
  }
  return ExitCode::ok;
}

}  // namespace

TEST_SUITE_BEGIN("autograde/package");

TEST_CASE("the zip holds the scripts, the client and the connection file") {
  auto o = good();
  o.ca_cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const auto entries = package_entries(o);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "setup.sh");
  CHECK(entries[0].executable);
  CHECK(entries[1].name == "run_autograder");
  CHECK(entries[1].content.find("python3 /autograder/source/cs351_client.py") != std::string::npos);
  CHECK(entries[2].name == "cs351_client.py");
  CHECK(entries[2].content.starts_with("#!/usr/bin/env python3"));
  CHECK(entries[3].name == "cs351_connection.json");
  CHECK_FALSE(entries[3].executable);
  const auto connection = nlohmann::json::parse(entries[3].content);
  CHECK(connection["server"] == "https://grader.example.edu");
  CHECK(connection["token"] == "tok");
  CHECK(connection["assignment"] == "hw1");
  CHECK(connection["deadline"] == "9m");
  CHECK(connection["ca_cert"] == o.ca_cert);
  CHECK_FALSE(nlohmann::json::parse(package_entries(good())[3].content).contains("ca_cert"));
}

TEST_CASE("what would break the zip is refused with its exit code") {
  auto o = good();
  SUBCASE("plain http to a remote host") {
    o.server = "http://grader.example.edu";
    CHECK(refusal(o) == ExitCode::usage);
  }
  SUBCASE("plain http to loopback is fine") {
    o.server = "http://127.0.0.1:8351";
    CHECK(refusal(o) == ExitCode::ok);
  }
  SUBCASE("no token") {
    o.token.clear();
    CHECK(refusal(o) == ExitCode::config);
  }
  SUBCASE("a deadline Gradescope would cut") {
    o.deadline = 40min;
    CHECK(refusal(o) == ExitCode::usage);
  }
  SUBCASE("a CA file without a certificate") {
    o.ca_cert = "not a certificate";
    CHECK(refusal(o) == ExitCode::data);
  }
}

TEST_CASE("the zip is written owner-only, and nothing is left when it cannot be") {
  test::ScratchDir dir;
  const auto out = dir / "hw1.zip";
  const auto size = write_package(good(), out);
  CHECK(size == std::filesystem::file_size(out));
  CHECK((std::filesystem::status(out).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  auto bad = good();
  bad.token.clear();
  CHECK_THROWS_AS(write_package(bad, dir / "bad.zip"), Error);
  CHECK_THROWS_AS(write_package(good(), dir / "missing/dir/x.zip"), Error);
  CHECK_FALSE(std::filesystem::exists(dir / "bad.zip"));
  // No temp file is left beside the zip either: the folder holds hw1.zip alone.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_SUITE_END();
