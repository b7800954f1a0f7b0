#pragma once
// The worker's hold on one claimed run: the heartbeat that renews its lease while
// the grader runs, and the result write that retries until the lease ends. Time is
// read through a Clock and waited through a Sleeper, so unit tests run both on a
// ManualClock.

#include <chrono>
#include <functional>
#include <string>

#include "cs351/autograde/queue.h"
#include "cs351/core/clock.h"
#include "cs351/core/sleeper.h"

namespace cs351::autograde {

struct LeaseTiming {
  std::chrono::milliseconds lease{60'000};
  std::chrono::milliseconds heartbeat{20'000};  // renewal interval, shorter than the lease
};

class LeaseKeeper {
 public:
  // `renewed` runs after each renewal the queue confirmed.
  LeaseKeeper(Queue& queue, const Run& run, LeaseTiming timing, const Clock& clock,
              std::function<void()> renewed = {});

  // The grader's keep_going, called often: renews the lease once per heartbeat
  // interval; false once the queue says the run is no longer ours (cancelled,
  // expired). A queue that cannot be reached is not a lost lease: the grader goes
  // on, and the next beat tries again.
  bool beat();
  // Until when the queue last confirmed the lease.
  TimePoint expires() const { return m_expires; }

 private:
  Queue& m_queue;
  const Run& m_run;
  LeaseTiming m_timing;
  const Clock& m_clock;
  std::function<void()> m_renewed;
  TimePoint m_expires, m_last_beat;
};

enum class Written { yes, refused, expired };

// Writes the outcome. While the queue cannot be reached it retries, spaced by
// backoff (250 ms doubling to 5 s, full jitter), but never waits past `lease_end`:
// a write after it would be refused, so the last try is at the lease's end and
// then the result is given up (`expired`). `refused`: the queue answered that the
// run is no longer ours. `retrying` hears the first failure.
Written write_outcome(Queue& queue, const Run& run, const Outcome& outcome, TimePoint lease_end,
                      const Clock& clock, const Sleeper& wait,
                      const std::function<void(const std::string& why)>& retrying);

}  // namespace cs351::autograde
