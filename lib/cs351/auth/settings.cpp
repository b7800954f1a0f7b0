#include "cs351/auth/settings.h"

namespace cs351::auth {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{};
  return list;
}

}  // namespace cs351::auth
