#pragma once
// The config keys this module reads ("gradescope.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <cstdint>
#include <span>
#include <string>

#include "cs351/core/setting.h"

namespace cs351::gradescope {

inline constexpr SettingSpec k_settings[] = {
    {.key = "gradescope.base_url",
     .default_value = "https://www.gradescope.com",
     .help = "Gradescope site (https://www.gradescope.ca in Canada; tests point it at a local "
             "server)."},
    {.key = "gradescope.email",
     .help = "Account email for `gradescope login` and automatic re-login."},
    {.key = "gradescope.password_command",
     .help = "A shell command whose stdout is the password (like git credential helpers); used "
             "to re-login from cron."},
    {.key = "gradescope.min_interval_ms",
     .rule = whole_value(0),
     .default_value = "1000",
     .help = "Politeness: minimum milliseconds between two requests."},
    {.key = "gradescope.timeout_s",
     .rule = whole_value(1),
     .default_value = "30",
     .help = "Seconds before one request times out."},
    {.key = "gradescope.max_attempts",
     .rule = whole_value(1),
     .default_value = "4",
     .help = "Tries per request on 429, 5xx and timeouts (with backoff)."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto base_url = key_of<std::string>(k_settings, "gradescope.base_url");
inline constexpr auto email = key_of<std::string>(k_settings, "gradescope.email");
inline constexpr auto password_command =
    key_of<std::string>(k_settings, "gradescope.password_command");
inline constexpr auto min_interval_ms =
    key_of<std::int64_t>(k_settings, "gradescope.min_interval_ms");
inline constexpr auto timeout_s = key_of<std::int64_t>(k_settings, "gradescope.timeout_s");
inline constexpr auto max_attempts = key_of<std::int64_t>(k_settings, "gradescope.max_attempts");
}  // namespace keys

}  // namespace cs351::gradescope
