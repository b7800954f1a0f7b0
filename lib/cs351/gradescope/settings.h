#pragma once
#include <vector>

#include "cs351/core/config.h"

namespace cs351::gradescope {
// The config keys this module reads ("gradescope.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();
}  // namespace cs351::gradescope
