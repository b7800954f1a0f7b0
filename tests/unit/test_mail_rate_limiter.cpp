#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "cs351/mail/rate_limiter.h"
#include "mail_test_support.h"

using namespace std::chrono_literals;
using cs351::TimePoint;

namespace {

// Most calls in any half-open one-second window.
std::size_t busiest_second(const std::vector<TimePoint>& times) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto end = std::lower_bound(times.begin() + i, times.end(), times[i] + 1s);
    best = std::max<std::size_t>(best, end - (times.begin() + i));
  }
  return best;
}

std::vector<TimePoint> run(double rate, int calls, std::chrono::milliseconds work) {
  cs351::ManualClock clock(cs351::test::test_epoch());
  cs351::mail::RateLimiter limiter(rate, clock, cs351::test::advancing(clock));
  std::vector<TimePoint> times;
  for (int i = 0; i < calls; ++i) {
    limiter.acquire();
    times.push_back(clock.now());
    clock.advance(work);
  }
  return times;
}

}  // namespace

TEST_SUITE_BEGIN("mail/rate_limiter");

TEST_CASE("50/s: never more than 50 in a second, and the long-run rate is 50/s within 2%") {
  for (auto work : {0ms, 3ms, 19ms}) {
    CAPTURE(work.count());
    const auto times = run(50, 500, work);
    CHECK(busiest_second(times) <= 50);
    const double seconds = std::chrono::duration<double>(times.back() - times.front()).count();
    CHECK(499 / seconds == doctest::Approx(50).epsilon(0.02));
  }
}

TEST_CASE("a fractional rate spaces calls evenly") {
  const auto times = run(0.5, 4, 0ms);
  CHECK(times[1] - times[0] == 2s);
  CHECK(times[3] - times[0] == 6s);
}

TEST_CASE("calls slower than the rate are not delayed, and idling earns no burst") {
  cs351::ManualClock clock(cs351::test::test_epoch());
  std::vector<std::chrono::milliseconds> sleeps;
  cs351::mail::RateLimiter limiter(10, clock, cs351::test::advancing(clock, &sleeps));
  limiter.acquire();
  clock.advance(5s);
  limiter.acquire();
  limiter.acquire();
  CHECK(sleeps == std::vector<std::chrono::milliseconds>{100ms});
}

TEST_CASE("rate 0 means no limit") {
  const auto times = run(0, 100, 0ms);
  CHECK(times.front() == times.back());
}

TEST_SUITE_END();
