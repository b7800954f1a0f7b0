#pragma once
// The config keys this module reads ("analytics.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <chrono>
#include <span>

#include "cs351/core/config.h"

namespace cs351::analytics {

inline constexpr SettingSpec k_settings[] = {
    {.key = "analytics.session_gap",
     .rule = duration_value(),
     .default_value = "30m",
     .help = "A pause longer than this between two submissions starts a new session."},
    {.key = "analytics.outlier_z",
     .rule = number_value(0),
     .default_value = "3",
     .help = "Students with |z| above this on any clustered feature are left out of clusters."},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto session_gap =
    key_of<std::chrono::milliseconds>(k_settings, "analytics.session_gap");
inline constexpr auto outlier_z = key_of<double>(k_settings, "analytics.outlier_z");
}  // namespace keys

struct Settings {
  std::chrono::minutes session_gap{30};  // analytics.session_gap
  double outlier_z = 3.0;                // analytics.outlier_z
};
// Reads analytics.* (a config Error, exit 78, for a malformed value).
Settings load_settings(const Config& config);
}  // namespace cs351::analytics
