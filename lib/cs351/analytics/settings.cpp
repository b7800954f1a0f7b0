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

}  // namespace cs351::analytics
