#include <doctest/doctest.h>

#include "cs351/autograde/student_protocol.h"
#include "cs351/core/error.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

TEST_SUITE_BEGIN("autograde/student_protocol");

TEST_CASE("a request survives encoding, arguments with spaces and empty ones included") {
  StudentRequest request{10s, {"python3", "main.py", "a b", ""}};
  const auto back = decode_request(encode_request(request));
  CHECK(back.timeout == 10s);
  CHECK(back.argv == request.argv);
  CHECK_FALSE(decode_request(encode_request({std::nullopt, {"true"}})).timeout);
}

TEST_CASE("malformed requests are refused") {
  CHECK_THROWS_AS(decode_request(""), Error);
  CHECK_THROWS_AS(decode_request(std::string("10\0", 3)), Error);        // no command
  CHECK_THROWS_AS(decode_request(std::string("x\0true\0", 7)), Error);   // timeout
  CHECK_THROWS_AS(decode_request(std::string("-5\0true\0", 8)), Error);  // timeout
  CHECK_THROWS_AS(decode_request(std::string("\0true", 5)), Error);      // unterminated
  CHECK_THROWS_AS(decode_request(std::string(k_max_student_request + 1, '\0')), Error);
}

TEST_CASE("outcomes and the helper's exit status") {
  StudentOutcome exited;
  exited.exit_code = 3;
  CHECK(encode_outcome(exited) == "exit 3");
  CHECK(outcome_status(decode_outcome("exit 3")) == 3);
  CHECK(outcome_status(decode_outcome("signal 9")) == 137);
  CHECK(outcome_status(decode_outcome("timeout")) == 124);
  const auto failed = decode_outcome("error no sandbox");
  CHECK(failed.error == "no sandbox");
  CHECK(outcome_status(failed) == 125);
  CHECK(outcome_status(decode_outcome("garbage")) == 125);
}

TEST_SUITE_END();
