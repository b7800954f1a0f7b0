#include "cs351/analytics/settings.h"

namespace cs351::analytics {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"analytics.session_gap", "30m",
       "A pause longer than this between two submissions starts a new session."},
      {"analytics.outlier_z", "3",
       "Students with |z| above this on any clustered feature are left out of clusters."},
  };
  return list;
}

Settings load_settings(const Config& config) {
  Settings s;
  if (const auto gap = config.get_duration("analytics.session_gap"))
    s.session_gap = std::chrono::duration_cast<std::chrono::minutes>(*gap);
  s.outlier_z = config.get_double("analytics.outlier_z").value_or(s.outlier_z);
  return s;
}

}  // namespace cs351::analytics
