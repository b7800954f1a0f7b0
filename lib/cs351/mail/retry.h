#pragma once
// Bounded retries with core's exponential backoff (full jitter), for calls that
// fail with throttling, 5xx or a timeout.

#include <chrono>
#include <functional>
#include <string>

#include "cs351/core/backoff.h"
#include "cs351/core/sleeper.h"

namespace cs351::mail {

struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{8'000};
};

// True for errors worth retrying: SES throttling or 5xx, transport failures.
bool is_retryable(const std::exception& e);

// Runs `call` until it succeeds, throws a non-retryable error, or the attempts
// run out (then the last error is rethrown). `on_retry` hears each failure retried.
template <typename Call>
auto with_retries(const RetryPolicy& policy, const Sleeper& sleep, Call&& call,
                  const std::function<void(const std::exception&, int attempt)>& on_retry = {}) {
  for (int attempt = 1;; ++attempt) {
    try {
      return call();
    } catch (const std::exception& e) {
      if (attempt >= policy.max_attempts || !is_retryable(e)) throw;
      if (on_retry) on_retry(e, attempt);
      sleep(backoff_delay({policy.base_delay, policy.max_delay, true}, attempt));
    }
  }
}

}  // namespace cs351::mail
