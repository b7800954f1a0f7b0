#include <doctest/doctest.h>

#include <set>

#include "cs351/auth/token.h"
#include "cs351/core/crypto.h"
#include "cs351/core/error.h"

TEST_SUITE_BEGIN("auth/token");

TEST_CASE("tokens are 43 base64url characters of 32 random bytes, hashed with SHA-256") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto t = cs351::auth::generate_token();
    CHECK(t.plaintext.size() == 43);
    CHECK(t.plaintext.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(t.hash == cs351::hex_encode(cs351::sha256(t.plaintext)));
    CHECK(cs351::auth::hash_token(t.plaintext) == t.hash);
    CHECK(t.id.starts_with("tk_"));
    CHECK(t.id.find(t.plaintext.substr(0, 6)) == std::string::npos);
    seen.insert(t.plaintext);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("a token never starts with '-', which a command line would read as an option") {
  for (int i = 0; i < 2000; ++i) REQUIRE(cs351::auth::generate_token().plaintext.front() != '-');
}

TEST_CASE("malformed tokens are data errors (exit 65)") {
  const std::string good = cs351::auth::generate_token().plaintext;
  for (const std::string& bad :
       {std::string(), good.substr(1), good + "A", std::string(43, '='), good.substr(0, 42) + "/",
        std::string(43, 'A').replace(5, 1, "\xc3")}) {
    CAPTURE(bad);
    try {
      cs351::auth::hash_token(bad);
      FAIL("accepted");
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::data);
    }
  }
}

TEST_CASE("purposes parse and print") {
  CHECK(cs351::auth::parse_purpose("onboard") == cs351::auth::Purpose::onboard);
  CHECK(std::string(cs351::auth::purpose_name(cs351::auth::Purpose::login)) == "login");
  CHECK_THROWS_AS(cs351::auth::parse_purpose("admin"), cs351::Error);
}

TEST_SUITE_END();
