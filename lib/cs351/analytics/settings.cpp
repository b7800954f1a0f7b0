#include "cs351/analytics/settings.h"

namespace cs351::analytics {

Settings load_settings(const Config& config) {
  Settings s;
  s.session_gap = std::chrono::duration_cast<std::chrono::minutes>(config.value(keys::session_gap));
  s.outlier_z = config.value(keys::outlier_z);
  return s;
}

}  // namespace cs351::analytics
