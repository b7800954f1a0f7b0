#include <doctest/doctest.h>

#include <set>

#include "cs351/mail/retry.h"
#include "cs351/mail/ses_client.h"

using namespace std::chrono_literals;
using cs351::mail::SesError;
using cs351::mail::SesFailure;

namespace {

struct Recorder {
  std::vector<std::chrono::milliseconds> sleeps;
  cs351::Sleeper sleeper() {
    return [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
  }
};

}  // namespace

TEST_SUITE_BEGIN("mail/retry");

TEST_CASE("throttling, 5xx and timeouts are retried until success") {
  Recorder r;
  int calls = 0;
  const auto id = cs351::mail::with_retries({5, 100ms, 1s}, r.sleeper(), [&] {
    ++calls;
    if (calls == 1)
      throw SesError(SesFailure::throttled, 429, "TooManyRequestsException", "slow down");
    if (calls == 2) throw SesError(SesFailure::transient, 500, "InternalFailure", "oops");
    if (calls == 3) throw cs351::HttpTransportError("timed out", true);
    return std::string("ok");
  });
  CHECK(id == "ok");
  CHECK(calls == 4);
  CHECK(r.sleeps.size() == 3);
}

TEST_CASE("a permanent error is not retried") {
  Recorder r;
  int calls = 0;
  CHECK_THROWS_AS(cs351::mail::with_retries({5, 100ms, 1s}, r.sleeper(),
                                            [&]() -> int {
                                              ++calls;
                                              throw SesError(SesFailure::permanent, 400,
                                                             "MessageRejected", "no");
                                            }),
                  SesError);
  CHECK(calls == 1);
  CHECK(r.sleeps.empty());
}

TEST_CASE("attempts are bounded and the last error comes out") {
  Recorder r;
  int calls = 0;
  try {
    cs351::mail::with_retries({3, 100ms, 1s}, r.sleeper(), [&]() -> int {
      ++calls;
      throw SesError(SesFailure::throttled, 429, "TooManyRequestsException",
                     "attempt " + std::to_string(calls));
    });
    FAIL("no error");
  } catch (const SesError& e) {
    CHECK(e.ses_message() == "attempt 3");
  }
  CHECK(calls == 3);
}

TEST_CASE("backoff grows exponentially with full jitter, capped") {
  const cs351::BackoffPolicy p{100ms, 1s, true};
  for (int i = 0; i < 200; ++i) {
    CHECK(cs351::backoff_delay(p, 1) <= 100ms);
    CHECK(cs351::backoff_delay(p, 3) <= 400ms);
    CHECK(cs351::backoff_delay(p, 9) <= 1s);
  }
  std::set<long> seen;
  for (int i = 0; i < 50; ++i) seen.insert(cs351::backoff_delay(p, 5).count());
  CHECK(seen.size() > 10);  // jittered, not a fixed delay
}

TEST_SUITE_END();
