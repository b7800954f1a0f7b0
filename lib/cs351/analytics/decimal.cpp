#include "cs351/analytics/decimal.h"

#include <charconv>
#include <cmath>

#include "cs351/core/text.h"

namespace cs351::analytics {

std::optional<double> parse_decimal(std::string_view text) {
  text = trim(text);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

}  // namespace cs351::analytics
