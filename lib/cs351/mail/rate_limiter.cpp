#include "cs351/mail/rate_limiter.h"

#include <cmath>
#include <thread>

namespace cs351::mail {

using std::chrono::milliseconds;

RateLimiter::RateLimiter(double rate, const Clock& clock, Sleeper sleep)
    : m_rate(rate), m_clock(clock), m_sleep(std::move(sleep)) {}

// Rounded up to whole milliseconds so a slot is never early.
TimePoint RateLimiter::slot(std::int64_t n) const {
  return m_origin + milliseconds(static_cast<std::int64_t>(
                        std::ceil(static_cast<double>(n) * 1000.0 / m_rate)));
}

void RateLimiter::acquire() {
  if (m_rate <= 0) return;
  auto now = m_clock.now();
  if (m_issued == 0 || now >= slot(m_issued + 1)) {
    m_origin = now;
    m_issued = 0;
  }
  TimePoint due = slot(m_issued);
  const auto window = static_cast<std::size_t>(std::ceil(m_rate));
  // The clock reads whole milliseconds, so one more keeps true times a full second apart.
  if (m_recent.size() == window) due = std::max(due, m_recent.front() + milliseconds(1001));
  if (due > now) {
    m_sleep(due - now);
    now = std::max(m_clock.now(), due);
  }
  ++m_issued;
  m_recent.push_back(now);
  if (m_recent.size() > window) m_recent.pop_front();
}

}  // namespace cs351::mail
