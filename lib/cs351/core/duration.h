#pragma once
// Durations as staff write them in config and flags: "500ms", "90s", "15m", "2h", "7d".

#include <chrono>
#include <string>
#include <string_view>

namespace cs351 {

// The longest duration anything accepts (ten years).
inline constexpr int k_max_duration_days = 3650;

// Parse "<integer><unit>" with unit ms|s|m|h|d, at most k_max_duration_days; throws a usage
// Error naming `what` otherwise.
std::chrono::milliseconds parse_duration(std::string_view text, std::string_view what = "duration");

// The shortest exact spelling of `d` in the same units ("15m", "7d", "0s").
std::string format_duration(std::chrono::milliseconds d);

}  // namespace cs351
