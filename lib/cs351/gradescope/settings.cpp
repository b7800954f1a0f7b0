#include "cs351/gradescope/settings.h"

namespace cs351::gradescope {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{};
  return list;
}

}  // namespace cs351::gradescope
