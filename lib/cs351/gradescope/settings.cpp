#include "cs351/gradescope/settings.h"

namespace cs351::gradescope {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"gradescope.base_url", "https://www.gradescope.com",
       "Gradescope site (https://www.gradescope.ca in Canada; tests point it at a local server)."},
      {"gradescope.email", std::nullopt,
       "Account email for `gradescope login` and automatic re-login."},
      {"gradescope.password_command", std::nullopt,
       "A shell command whose stdout is the password (like git credential helpers); used to "
       "re-login from cron."},
      {"gradescope.min_interval_ms", "1000",
       "Politeness: minimum milliseconds between two requests."},
      {"gradescope.timeout_s", "30", "Seconds before one request times out."},
      {"gradescope.max_attempts", "4",
       "Tries per request on 429, 5xx and timeouts (with backoff)."},
  };
  return list;
}

}  // namespace cs351::gradescope
