#include "cs351/autograde/run_lease.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "cs351/core/backoff.h"

namespace cs351::autograde {

using std::chrono::milliseconds;

LeaseKeeper::LeaseKeeper(Queue& queue, const Run& run, LeaseTiming timing, const Clock& clock,
                         std::function<void()> renewed)
    : m_queue(queue),
      m_run(run),
      m_timing(timing),
      m_clock(clock),
      m_renewed(std::move(renewed)),
      m_expires(run.lease_expires_at.value_or(clock.now() + timing.lease)),
      m_last_beat(clock.now()) {}

bool LeaseKeeper::beat() {
  const TimePoint now = m_clock.now();
  // A clock set back counts as an interval passed, so no step of it stops the renewals.
  if (now >= m_last_beat && now - m_last_beat < m_timing.heartbeat) return true;
  m_last_beat = now;
  try {
    if (!m_queue.heartbeat(m_run, m_timing.lease, m_clock)) return false;
    m_expires = now + m_timing.lease;
    if (m_renewed) m_renewed();
  } catch (const std::exception&) {
  }
  return true;
}

Written write_outcome(Queue& queue, const Run& run, const Outcome& outcome, TimePoint lease_end,
                      const Clock& clock, const Sleeper& wait,
                      const std::function<void(const std::string& why)>& retrying) {
  const BackoffPolicy policy{milliseconds(250), milliseconds(5'000), true};
  for (int attempt = 1;; ++attempt) {
    try {
      return queue.finish(run, outcome, clock) ? Written::yes : Written::refused;
    } catch (const std::exception& e) {
      const TimePoint now = clock.now();
      if (now >= lease_end) return Written::expired;
      if (attempt == 1) retrying(e.what());
      wait(std::min(backoff_delay(policy, attempt), lease_end - now));
    }
  }
}

}  // namespace cs351::autograde
