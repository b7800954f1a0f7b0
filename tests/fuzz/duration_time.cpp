// Durations ("90s", "7d") and times ("2026-01-01T00:00:00-05:00"), as flags, config and
// uploaded metadata give them; a parsed duration is also added to a clock reading, as callers do.
#include "cs351/core/clock.h"
#include "cs351/core/duration.h"
#include "cs351/core/time_format.h"
#include "fuzz_common.h"

namespace {
void attempt_duration(const std::string& text) {
  try {
    const auto d = cs351::parse_duration(text);
    (void)(cs351::TimePoint{} + d);
  } catch (const cs351::Error&) {
  }
}
}  // namespace

CS351_FUZZ_TARGET(attempt_duration(input); cs351::parse_time(input);
                  cs351::parse_time(input, "America/Indiana/Indianapolis"))
