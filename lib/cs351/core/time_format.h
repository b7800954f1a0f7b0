#pragma once
// ISO-8601 times in and out, and course-local time through the system tz database.

#include <optional>
#include <string>
#include <string_view>

#include "cs351/core/clock.h"

namespace cs351 {

// "2026-01-15T17:00:00Z" (seconds precision; milliseconds dropped).
std::string format_utc(TimePoint t);

// The store's time columns: "2026-01-15T17:00:00.123Z", always 24 characters,
// so comparing two values as text (in SQL, too) compares them as times.
std::string format_store_time(TimePoint t);

// Parse an ISO-8601 time as Gradescope and people write it:
// YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][[ ](Z|±HH|±HHMM|±HH:MM)]. The fraction
// may have any number of digits (kept to milliseconds). With an offset or Z the
// time is absolute; without one ("2026-01-15 12:00") it is wall time in
// `timezone` (UTC when empty). A date alone means midnight. Nullopt when the
// text does not parse completely (a value cut short, "...-", "...+05:", too).
std::optional<TimePoint> parse_time(std::string_view text, std::string_view timezone = "");

// `t` as the wall clock of `timezone` shows it (empty or "UTC": UTC), and the
// zone's offset from UTC at that instant. The one place that turns instants
// into course-local time. A data Error (exit 65) for a zone the tz database
// does not know.
struct ZonedTime {
  std::chrono::local_time<std::chrono::milliseconds> local;
  std::chrono::minutes offset{0};
};
ZonedTime in_zone(TimePoint t, std::string_view timezone);

// "2026-02-10 23:59:00-05:00" (seconds precision), "Z" for UTC: what tables
// show. parse_time reads it back.
std::string format_in_zone(TimePoint t, std::string_view timezone);

// True when `name` is a zone of the tz database ("America/Indiana/Indianapolis").
bool is_valid_timezone(std::string_view name);

}  // namespace cs351
