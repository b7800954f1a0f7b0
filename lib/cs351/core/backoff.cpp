#include "cs351/core/backoff.h"

#include <algorithm>
#include <cstdint>
#include <random>

namespace cs351 {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt) {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto ceiling = std::min(policy.cap, policy.first * (std::int64_t{1} << shift));
  if (!policy.jitter) return ceiling;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> pick(0, ceiling.count());
  return std::chrono::milliseconds(pick(rng));
}

}  // namespace cs351
