#pragma once
// ISO-8601 times in and out, and course-local time through the system tz database.

#include <optional>
#include <string>
#include <string_view>

#include "cs351/core/clock.h"

namespace cs351 {

// "2026-01-15T17:00:00Z" (seconds precision; milliseconds dropped).
std::string format_utc(TimePoint t);

// Parse an ISO-8601 time as Gradescope and people write it:
// YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][[ ](Z|±HH|±HHMM|±HH:MM)]. The fraction
// may have any number of digits (kept to milliseconds). With an offset or Z the
// time is absolute; without one ("2026-01-15 12:00") it is wall time in
// `timezone` (UTC when empty). A date alone means midnight. Nullopt when the
// text does not parse completely (a value cut short, "...-", "...+05:", too).
std::optional<TimePoint> parse_time(std::string_view text, std::string_view timezone = "");

// True when `name` is a zone of the tz database ("America/Indiana/Indianapolis").
bool is_valid_timezone(std::string_view name);

}  // namespace cs351
