#pragma once
// The config keys this module reads ("ses.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "cs351/core/setting.h"

namespace cs351::mail {

inline constexpr SettingSpec k_settings[] = {
    {.key = "ses.region",
     .help = "AWS region of SES (default: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1)."},
    {.key = "ses.endpoint",
     .help = "SES v2 endpoint URL (default https://email.<region>.amazonaws.com; tests point it "
             "at a local emulator)."},
    {.key = "ses.from",
     .help = "Sender address (a verified SES identity), e.g. "
             "\"CS351 Staff <cs351@example.edu>\"."},
    {.key = "ses.configuration_set",
     .help = "SES configuration set name for sent mail (optional)."},
    {.key = "ses.max_send_rate",
     .rule = number_value(0),
     .help = "Messages per second at most (default: the account's MaxSendRate, else 1; 0 = no "
             "limit)."},
    {.key = "ses.timeout",
     .rule = duration_value(std::chrono::milliseconds(1)),
     .default_value = "30s",
     .help = "Timeout of one SES call (durations: 500ms, 30s, 2m)."},
    {.key = "ses.max_attempts",
     .rule = whole_value(1, 20),
     .default_value = "5",
     .help = "Attempts per message when SES throttles, fails with 5xx or times out (backoff "
             "with jitter)."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto region = key_of<std::string>(k_settings, "ses.region");
inline constexpr auto endpoint = key_of<std::string>(k_settings, "ses.endpoint");
inline constexpr auto from = key_of<std::string>(k_settings, "ses.from");
inline constexpr auto configuration_set = key_of<std::string>(k_settings, "ses.configuration_set");
inline constexpr auto max_send_rate = key_of<double>(k_settings, "ses.max_send_rate");
inline constexpr auto timeout = key_of<std::chrono::milliseconds>(k_settings, "ses.timeout");
inline constexpr auto max_attempts = key_of<std::int64_t>(k_settings, "ses.max_attempts");
}  // namespace keys

}  // namespace cs351::mail
