#include <doctest/doctest.h>

#include "cs351/core/crypto.h"

TEST_SUITE_BEGIN("core/crypto");

TEST_CASE("sha256 and hmac match published vectors") {
  CHECK(cs351::hex_encode(cs351::sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  CHECK(cs351::hex_encode(cs351::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("base64url round-trips every length without padding") {
  for (std::size_t n = 0; n < 40; ++n) {
    const auto bytes = cs351::random_bytes(n);
    const auto text = cs351::base64url_encode(bytes);
    CHECK(text.find_first_of("+/=") == std::string::npos);
    std::string back;
    REQUIRE(cs351::base64url_decode(text, back));
    CHECK(back == bytes);
  }
  std::string out;
  CHECK_FALSE(cs351::base64url_decode("abc+", out));
  CHECK(cs351::base64_encode("hi") == "aGk=");
}

TEST_CASE("constant_time_equal") {
  CHECK(cs351::constant_time_equal("secret", "secret"));
  CHECK_FALSE(cs351::constant_time_equal("secret", "secreT"));
  CHECK_FALSE(cs351::constant_time_equal("secret", "secret!"));
}

TEST_SUITE_END();
