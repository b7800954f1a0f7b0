#include "cs351/autograde/slot_gate.h"

namespace cs351::autograde {

bool SlotGate::enter(const std::function<bool()>& keep_going, std::chrono::milliseconds tick) {
  std::unique_lock lock(m_mutex);
  while (m_free == 0) {
    if (m_freed.wait_for(lock, tick, [this] { return m_free > 0; })) break;
    lock.unlock();
    const bool wanted = !keep_going || keep_going();
    lock.lock();
    if (!wanted) return false;
  }
  --m_free;
  return true;
}

void SlotGate::leave() {
  {
    std::lock_guard lock(m_mutex);
    ++m_free;
  }
  m_freed.notify_one();
}

}  // namespace cs351::autograde
