#include "cs351/core/duration.h"

#include <fmt/format.h>
#include <array>
#include <charconv>
#include <utility>

#include "cs351/core/error.h"

namespace cs351 {
namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t ms;
};

// Longest suffix first so "ms" is not read as "m".
constexpr std::array<Unit, 5> k_units{
    {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};

// Callers add durations to clock readings and multiply them (timeouts, leases, backoff); a cap
// far below the int64 range keeps all of that arithmetic defined.
constexpr std::int64_t k_max_ms = std::int64_t{k_max_duration_days} * 86'400'000;

}  // namespace

std::chrono::milliseconds parse_duration(std::string_view text, std::string_view what) {
  auto bad = [&] {
    return usage_error(fmt::format(
        "invalid {} '{}': write a whole number and a unit, e.g. 90s, 15m, 7d", what, text));
  };
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || value < 0) throw bad();
  std::string_view suffix(end, text.data() + text.size() - end);
  for (const auto& unit : k_units) {
    if (suffix == unit.suffix) {
      if (value > k_max_ms / unit.ms) {
        throw usage_error(fmt::format("invalid {} '{}': longer than the longest allowed, {}d", what,
                                      text, k_max_duration_days));
      }
      return std::chrono::milliseconds(value * unit.ms);
    }
  }
  throw bad();
}

std::string format_duration(std::chrono::milliseconds d) {
  const auto ms = d.count();
  if (ms == 0) return "0s";
  for (auto it = k_units.rbegin(); it != k_units.rend(); ++it) {
    if (ms % it->ms == 0) return fmt::format("{}{}", ms / it->ms, it->suffix);
  }
  return fmt::format("{}ms", ms);
}

}  // namespace cs351
