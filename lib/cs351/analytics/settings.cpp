#include "cs351/analytics/settings.h"

namespace cs351::analytics {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{};
  return list;
}

}  // namespace cs351::analytics
