#include "cs351/autograde/bridge_rate.h"

#include <algorithm>

namespace cs351::autograde {

bool RequestRate::admit(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto [it, added] = m_buckets.try_emplace(key, Bucket{m_rate, now});
  Bucket& b = it->second;
  const std::chrono::duration<double> elapsed = now - b.updated;
  b.tokens = std::min(m_rate, b.tokens + elapsed.count() * m_rate);
  b.updated = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace cs351::autograde
