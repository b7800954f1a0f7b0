#include <doctest/doctest.h>

#include <string>

#include "cs351/core/time_format.h"

using namespace cs351;

namespace {

std::string utc_ms(std::string_view text, std::string_view zone = "") {
  const auto t = parse_time(text, zone);
  if (!t) return "nullopt";
  const auto ms = t->time_since_epoch().count() % 1000;
  return format_utc(*t) + "+" + std::to_string(ms) + "ms";
}

}  // namespace

TEST_SUITE_BEGIN("core/time_format");

TEST_CASE("Gradescope's own spellings: any number of fraction digits, Z or any offset") {
  // submission history JSON and submission_metadata.json (microseconds)
  CHECK(utc_ms("2023-10-08T10:44:09.798629-07:00") == "2023-10-08T17:44:09Z+798ms");
  CHECK(utc_ms("2018-07-01T14:22:32.365935-07:00") == "2018-07-01T21:22:32Z+365ms");
  // scores.csv
  CHECK(utc_ms("2023-10-08 10:44:09 -0700") == "2023-10-08T17:44:09Z+0ms");
  CHECK(utc_ms("2026-01-15T17:00:00Z") == "2026-01-15T17:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15T17:00:00.5Z") == "2026-01-15T17:00:00Z+500ms");
  CHECK(utc_ms("2026-01-15T17:00:00.123456789+00:00") == "2026-01-15T17:00:00Z+123ms");
  CHECK(utc_ms("2026-01-15T17:00:00.1234567890123456789012Z") == "2026-01-15T17:00:00Z+123ms");
  CHECK(utc_ms("2026-01-15T22:30:00+05:30") == "2026-01-15T17:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15T22:30:00+0530") == "2026-01-15T17:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15T22:00:00+05") == "2026-01-15T17:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15T12:00-05:00") == "2026-01-15T17:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15t17:00:00z") == "2026-01-15T17:00:00Z+0ms");
}

TEST_CASE("without an offset a time is wall time in the given zone") {
  CHECK(utc_ms("2026-01-15 12:00") == "2026-01-15T12:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15") == "2026-01-15T00:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15T12:00:00.25", "America/Indiana/Indianapolis") ==
        "2026-01-15T17:00:00Z+250ms");
  CHECK(utc_ms("2026-07-15 12:00", "America/Indiana/Indianapolis") == "2026-07-15T16:00:00Z+0ms");
  // an offset wins over the zone
  CHECK(utc_ms("2026-07-15 12:00Z", "America/Indiana/Indianapolis") == "2026-07-15T12:00:00Z+0ms");
  CHECK(utc_ms("2026-01-15 12:00", "Not/A_Zone") == "nullopt");
}

TEST_CASE("a value cut short or malformed anywhere is a clean failure") {
  for (const char* bad : {"",
                          "2026",
                          "2026-01",
                          "2026-01-1",
                          "2026-01-15T",
                          "2026-01-15T12",
                          "2026-01-15T12:",
                          "2026-01-15T12:0",
                          "2026-01-15T12:00:",
                          "2026-01-15T12:00:0",
                          "2026-01-15T12:00:00.",
                          "2026-01-15T12:00:00.Z",
                          "2026-01-01T00:00:00-",
                          "2026-01-01T00:00:00+",
                          "2026-01-01T00:00:00+05:",
                          "2026-01-01T00:00:00+05:3",
                          "2026-01-01T00:00:00+5",
                          "2026-01-01T00:00:00 ",
                          "2026-01-01T00:00:00Z ",
                          "2026-01-01T00:00:00ZZ",
                          "2026-01-01T00:00:00+05:00:00",
                          "2026-01-01T00:00:00+24:00",
                          "2026-01-01T00:00:00+05:60",
                          " 2026-01-01",
                          "2026-13-01",
                          "2026-02-30",
                          "2026-01-01T24:00",
                          "2026-01-01T12:60",
                          "2026-01-01T12:00:60",
                          "2026/01/01",
                          "２０２６-01-01",
                          "2026-01-01T12:00:00 UTC",
                          "2026-01-01Z",
                          "2026-01-01\n"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_time(bad).has_value());
    CHECK_FALSE(parse_time(bad, "America/Indiana/Indianapolis").has_value());
  }
}

TEST_CASE("a dangling offset never reads past the end of the text") {
  // Views into a larger buffer: a parser that over-reads would see the digits after.
  const std::string buffer = "2026-01-01T00:00:00+05:3099";
  for (std::size_t len : {20U, 21U, 23U, 24U}) {
    CAPTURE(len);
    CHECK_FALSE(parse_time(std::string_view(buffer).substr(0, len)).has_value());
  }
  CHECK(parse_time(std::string_view(buffer).substr(0, 25)).has_value());
}

TEST_CASE("format_utc writes whole seconds") {
  CHECK(format_utc(*parse_time("2026-01-15T17:00:00.999Z")) == "2026-01-15T17:00:00Z");
}

TEST_CASE("format_store_time keeps milliseconds at a fixed width, so text order is time order") {
  CHECK(format_store_time(*parse_time("2026-11-29T23:55:46.123Z")) == "2026-11-29T23:55:46.123Z");
  CHECK(format_store_time(*parse_time("2026-01-05T07:08:09Z")) == "2026-01-05T07:08:09.000Z");
  CHECK(format_store_time(*parse_time("2026-01-05T07:08:09.9999Z")) == "2026-01-05T07:08:09.999Z");
  const auto t = *parse_time("2026-01-05T07:08:09.007Z");
  CHECK(parse_time(format_store_time(t)) == t);
  // Across a second, a minute and a year the text sorts as the times do.
  const char* times[] = {"2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00Z",
                         "2026-01-01T00:00:00.001Z", "2026-01-01T00:00:09.5Z",
                         "2026-01-01T00:00:10Z"};
  for (std::size_t i = 1; i < std::size(times); ++i) {
    const auto a = format_store_time(*parse_time(times[i - 1]));
    const auto b = format_store_time(*parse_time(times[i]));
    CHECK(a.size() == 24);
    CHECK(a < b);
  }
}

TEST_SUITE_BEGIN("core/time_format");

TEST_CASE("in_zone: the wall clock and offset of a zone at that instant, DST included") {
  const auto winter = *parse_time("2026-01-15T17:00:00Z");
  const auto summer = *parse_time("2026-07-15T17:00:00Z");
  const auto z = in_zone(winter, "America/Indiana/Indianapolis");
  CHECK(z.offset == std::chrono::minutes(-300));
  CHECK(z.local.time_since_epoch() == winter.time_since_epoch() - std::chrono::hours(5));
  CHECK(in_zone(summer, "America/Indiana/Indianapolis").offset == std::chrono::minutes(-240));
  CHECK(in_zone(winter, "Asia/Kolkata").offset == std::chrono::minutes(330));
  CHECK(in_zone(winter, "").offset == std::chrono::minutes(0));
  CHECK(in_zone(winter, "UTC").local.time_since_epoch() == winter.time_since_epoch());
  CHECK_THROWS_WITH(in_zone(winter, "Mars/Base"), "unknown time zone 'Mars/Base'");
}

TEST_CASE("format_in_zone: what tables show, and parse_time reads it back") {
  const auto t = *parse_time("2026-02-11T04:59:30.250Z");
  CHECK(format_in_zone(t, "America/Indiana/Indianapolis") == "2026-02-10 23:59:30-05:00");
  CHECK(format_in_zone(t, "Asia/Kolkata") == "2026-02-11 10:29:30+05:30");
  CHECK(format_in_zone(t, "UTC") == "2026-02-11 04:59:30Z");
  CHECK(format_in_zone(t, "") == "2026-02-11 04:59:30Z");
  // Round trip, whole seconds: the offset in the text wins over any zone given.
  const auto back = parse_time(format_in_zone(t, "America/Indiana/Indianapolis"), "Asia/Kolkata");
  REQUIRE(back);
  CHECK(format_utc(*back) == "2026-02-11T04:59:30Z");
}

TEST_SUITE_END();
