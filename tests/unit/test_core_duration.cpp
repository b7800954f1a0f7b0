#include <doctest/doctest.h>

#include "cs351/core/duration.h"
#include "cs351/core/error.h"

using namespace std::chrono_literals;

TEST_SUITE_BEGIN("core/duration");

TEST_CASE("parses every unit") {
  CHECK(cs351::parse_duration("500ms") == 500ms);
  CHECK(cs351::parse_duration("90s") == 90s);
  CHECK(cs351::parse_duration("15m") == 15min);
  CHECK(cs351::parse_duration("2h") == 2h);
  CHECK(cs351::parse_duration("7d") == 7 * 24h);
  CHECK(cs351::parse_duration("0s") == 0ms);
}

TEST_CASE("rejects malformed durations with a usage error") {
  for (const char* bad : {"", "15", "m", "-5s", "1.5h", "15 m", "15min", "99999999999999999999d"}) {
    CAPTURE(bad);
    try {
      cs351::parse_duration(bad);
      FAIL("accepted");
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::usage);
    }
  }
}

// Found by fuzzing: values that fit int64 milliseconds but overflow once added to a clock.
TEST_CASE("refuses durations past the ten-year cap with a clear error") {
  CHECK(cs351::parse_duration("3650d") == std::chrono::hours(24 * 3650));
  for (const char* huge : {"3651d", "200000d", "106751991167d", "9223372036854775807ms"}) {
    CAPTURE(huge);
    try {
      cs351::parse_duration(huge, "timeout");
      FAIL("accepted");
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::usage);
      CHECK(std::string(e.what()).find("longer than the longest allowed, 3650d") !=
            std::string::npos);
    }
  }
}

TEST_CASE("formats in the largest exact unit") {
  CHECK(cs351::format_duration(15min) == "15m");
  CHECK(cs351::format_duration(7 * 24h) == "7d");
  CHECK(cs351::format_duration(90s) == "90s");
  CHECK(cs351::format_duration(0ms) == "0s");
  CHECK(cs351::format_duration(1500ms) == "1500ms");
}

TEST_SUITE_END();
