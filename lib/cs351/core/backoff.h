#pragma once
// Exponential backoff, the one way cs351 spaces retries and polls: the ceiling
// doubles from `first` up to `cap`; with `jitter` ("full jitter") each delay is
// drawn uniformly from [0, ceiling], so clients that failed together do not
// retry together.

#include <chrono>

namespace cs351 {

struct BackoffPolicy {
  std::chrono::milliseconds first{250};
  std::chrono::milliseconds cap{8'000};
  bool jitter = true;
};

// The delay before retry (or poll) number `attempt`, 1-based.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt);

}  // namespace cs351
