#pragma once
// Paces calls to at most `rate` per second. Slots sit on a fixed grid from the
// first call (slot n at origin + n/rate), so the long-run rate is exact and
// sleep overshoot does not accumulate; after falling a slot behind the grid
// restarts from now (no burst to catch up). A log of the last ceil(rate) calls
// guards the promise: no one-second window ever holds more than ceil(rate) calls.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>

#include "cs351/core/clock.h"
#include "cs351/core/sleeper.h"

namespace cs351::mail {

class RateLimiter {
 public:
  // rate <= 0: no limit.
  RateLimiter(double rate, const Clock& clock, Sleeper sleep);

  // Blocks until the next slot; returns when the call may go.
  void acquire();
  double rate() const { return m_rate; }

 private:
  double m_rate;
  const Clock& m_clock;
  Sleeper m_sleep;
  TimePoint slot(std::int64_t n) const;

  TimePoint m_origin{};
  std::int64_t m_issued = 0;
  std::deque<TimePoint> m_recent;  // times of the last ceil(rate) calls
};

}  // namespace cs351::mail
