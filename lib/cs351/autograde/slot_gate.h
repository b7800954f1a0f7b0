#pragma once
// How many graders of one worker process run at once. The worker claims and
// prepares one run more than that (its directory, its sandbox, stopped just
// before the grader starts) and parks it here, so the next grader starts the
// moment one ends instead of after the next claim and sandbox set-up.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <utility>

namespace cs351::autograde {

class SlotGate {
 public:
  explicit SlotGate(int slots) : m_free(slots) {}
  // Takes a slot once one is free, asking `keep_going` every `tick` while it waits
  // (the caller's lease heartbeat); false, with no slot taken, once it says stop.
  bool enter(const std::function<bool()>& keep_going, std::chrono::milliseconds tick);
  void leave();

 private:
  std::mutex m_mutex;
  std::condition_variable m_freed;
  int m_free;
};

// One slot of a gate, given back when released or destroyed.
class SlotTurn {
 public:
  SlotTurn() = default;
  explicit SlotTurn(SlotGate& gate) : m_gate(&gate) {}
  SlotTurn(const SlotTurn&) = delete;
  SlotTurn& operator=(const SlotTurn&) = delete;
  SlotTurn& operator=(SlotTurn&& other) noexcept {
    release();
    m_gate = std::exchange(other.m_gate, nullptr);
    return *this;
  }
  ~SlotTurn() { release(); }
  void release() {
    if (m_gate) std::exchange(m_gate, nullptr)->leave();
  }

 private:
  SlotGate* m_gate = nullptr;
};

}  // namespace cs351::autograde
