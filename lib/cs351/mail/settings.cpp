#include "cs351/mail/settings.h"

namespace cs351::mail {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"ses.region", std::nullopt,
       "AWS region of SES (default: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1)."},
      {"ses.endpoint", std::nullopt,
       "SES v2 endpoint URL (default https://email.<region>.amazonaws.com; tests point it at a "
       "local emulator)."},
      {"ses.from", std::nullopt,
       "Sender address (a verified SES identity), e.g. "
       "\"CS351 Staff <cs351@example.edu>\"."},
      {"ses.configuration_set", std::nullopt,
       "SES configuration set name for sent mail (optional)."},
      {"ses.max_send_rate", std::nullopt,
       "Messages per second at most (default: the account's MaxSendRate, else 1; 0 = no limit)."},
      {"ses.timeout", "30s", "Timeout of one SES call (durations: 500ms, 30s, 2m)."},
      {"ses.max_attempts", "5",
       "Attempts per message when SES throttles, fails with 5xx or times out (backoff with "
       "jitter)."},
  };
  return list;
}

}  // namespace cs351::mail
