#pragma once
#include <chrono>
#include <vector>

#include "cs351/core/config.h"

namespace cs351::analytics {
// The config keys this module reads ("analytics.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();

struct Settings {
  std::chrono::minutes session_gap{30};  // analytics.session_gap
  double outlier_z = 3.0;                // analytics.outlier_z
};
// Reads analytics.* (a config Error, exit 78, for a malformed value).
Settings load_settings(const Config& config);
}  // namespace cs351::analytics
