#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include "cs351/core/error.h"
#include "cs351/mail/aws_credentials.h"
#include "support.h"

using cs351::mail::load_aws_credentials;

namespace {

cs351::EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_SUITE_BEGIN("mail/aws_credentials");

TEST_CASE("environment variables win, with the session token") {
  const auto c = load_aws_credentials(env_of(
      {{"AWS_ACCESS_KEY_ID", "AK"}, {"AWS_SECRET_ACCESS_KEY", "SK"}, {"AWS_SESSION_TOKEN", "ST"}}));
  CHECK(c.access_key_id == "AK");
  CHECK(c.secret_access_key == "SK");
  CHECK(c.session_token == "ST");
}

TEST_CASE("the named profile of the shared credentials file") {
  cs351::test::ScratchDir dir;
  std::ofstream(dir / "credentials")
      << "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n"
         "# staff account\n[course]\n aws_access_key_id=C \n"
         "aws_secret_access_key = CS\naws_session_token = CT\n";
  const auto file = (dir / "credentials").string();
  const auto d = load_aws_credentials(env_of({{"AWS_SHARED_CREDENTIALS_FILE", file}}));
  CHECK(d.access_key_id == "D");
  CHECK(d.session_token.empty());
  const auto c = load_aws_credentials(
      env_of({{"AWS_SHARED_CREDENTIALS_FILE", file}, {"AWS_PROFILE", "course"}}));
  CHECK(c.access_key_id == "C");
  CHECK(c.secret_access_key == "CS");
  CHECK(c.session_token == "CT");
}

TEST_CASE("no credentials anywhere is a config error naming what to set") {
  cs351::test::ScratchDir dir;
  try {
    load_aws_credentials(env_of({{"HOME", dir.path().string()}, {"AWS_PROFILE", "missing"}}));
    FAIL("accepted");
  } catch (const cs351::Error& e) {
    CHECK(e.code() == cs351::ExitCode::config);
    CHECK(std::string(e.what()).find("AWS_ACCESS_KEY_ID") != std::string::npos);
    CHECK(std::string(e.what()).find("[missing]") != std::string::npos);
  }
}

TEST_CASE("a profile without a secret does not count") {
  CHECK_FALSE(cs351::mail::parse_credentials_file("[default]\naws_access_key_id = A\n", "default"));
}

TEST_SUITE_END();
