#include "cs351/core/clock.h"

namespace cs351 {

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace cs351
