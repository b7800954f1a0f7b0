#pragma once
// Time behind an interface so tests can freeze or advance it.

#include <chrono>

namespace cs351 {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock : public Clock {
 public:
  TimePoint now() const override;
};

// A clock that stays where it is put: for unit tests.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimePoint start) : m_now(start) {}
  TimePoint now() const override { return m_now; }
  void advance(std::chrono::milliseconds d) { m_now += d; }
  void set(TimePoint t) { m_now = t; }

 private:
  TimePoint m_now;
};

// The process-wide system clock.
const Clock& system_clock();

}  // namespace cs351
