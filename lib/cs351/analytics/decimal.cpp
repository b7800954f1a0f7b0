#include "cs351/analytics/decimal.h"

#include "cs351/core/text.h"

namespace cs351::analytics {

std::optional<double> parse_decimal(std::string_view text) {
  return parse_finite_number(trim(text));
}

}  // namespace cs351::analytics
