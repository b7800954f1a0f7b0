#pragma once
// The bridge's request-rate limit: a token bucket per bearer token (refilled at `per_second`,
// holding at most one second's worth), so one leaked or looping client cannot flood the store.

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace cs351::autograde {

class RequestRate {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RequestRate(double per_second) : m_rate(per_second) {}

  // True when a request under `key` may go ahead now (and counts it).
  bool admit(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  double m_rate;
  std::mutex m_mutex;
  std::map<std::string, Bucket> m_buckets;
};

}  // namespace cs351::autograde
