#include "cs351/mail/retry.h"

#include <algorithm>
#include <random>

#include "cs351/core/http_client.h"
#include "cs351/mail/ses_client.h"

namespace cs351::mail {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt) {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto ceiling = std::min(policy.max_delay, policy.base_delay * (std::int64_t{1} << shift));
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> pick(0, ceiling.count());
  return std::chrono::milliseconds(pick(rng));
}

bool is_retryable(const std::exception& e) {
  if (dynamic_cast<const HttpTransportError*>(&e) != nullptr) return true;
  if (const auto* ses = dynamic_cast<const SesError*>(&e))
    return ses->kind() != SesFailure::permanent;
  return false;
}

}  // namespace cs351::mail
