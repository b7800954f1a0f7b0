#include "cs351/analytics/random.h"

#include <limits>

namespace cs351::analytics {

std::uint64_t Random::below(std::uint64_t n) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t draw = m_engine();
  while (draw >= limit) draw = m_engine();
  return draw % n;
}

}  // namespace cs351::analytics
