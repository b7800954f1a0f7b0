#pragma once
// The config keys this module reads ("magic_link.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <chrono>
#include <filesystem>
#include <span>
#include <string>

#include "cs351/core/setting.h"

namespace cs351::auth {

inline constexpr SettingSpec k_settings[] = {
    {.key = "magic_link.base_url",
     .help = "The link in the email is <base_url><token>, e.g. "
             "https://cs351.example.edu/login?token="},
    {.key = "magic_link.login_ttl",
     .rule = duration_value(std::chrono::milliseconds(1)),
     .default_value = "15m",
     .help = "How long a login link stays valid."},
    {.key = "magic_link.onboard_ttl",
     .rule = duration_value(std::chrono::milliseconds(1)),
     .default_value = "7d",
     .help = "How long a staff onboarding link stays valid."},
    {.key = "magic_link.min_interval",
     .rule = duration_value(),
     .default_value = "60s",
     .help = "At most one link per address in this interval (0s turns the limit off)."},
    {.key = "magic_link.templates",
     .rule = path_value(),
     .help = "Directory of message templates overriding the built-in ones: <purpose>.subject, "
             "<purpose>.txt, <purpose>.html (purpose: login, onboard)."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
using std::chrono::milliseconds;
inline constexpr auto base_url = key_of<std::string>(k_settings, "magic_link.base_url");
inline constexpr auto login_ttl = key_of<milliseconds>(k_settings, "magic_link.login_ttl");
inline constexpr auto onboard_ttl = key_of<milliseconds>(k_settings, "magic_link.onboard_ttl");
inline constexpr auto min_interval = key_of<milliseconds>(k_settings, "magic_link.min_interval");
inline constexpr auto templates = key_of<std::filesystem::path>(k_settings, "magic_link.templates");
}  // namespace keys

}  // namespace cs351::auth
