#pragma once
// The config keys this module reads ("usage.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <cstdint>
#include <filesystem>
#include <span>

#include "cs351/core/setting.h"

namespace cs351::usage {

inline constexpr SettingSpec k_settings[] = {
    {.key = "usage.prices",
     .rule = path_value(),
     .help = "JSON price table (same shape as the shipped one) whose models replace or add to "
             "it."},
    {.key = "usage.max_line_bytes",
     .rule = whole_value(1),
     .default_value = "67108864",
     .help = "A transcript line longer than this is skipped (and counted) instead of read."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto prices = key_of<std::filesystem::path>(k_settings, "usage.prices");
inline constexpr auto max_line_bytes = key_of<std::int64_t>(k_settings, "usage.max_line_bytes");
}  // namespace keys

}  // namespace cs351::usage
