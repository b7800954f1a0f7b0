#pragma once
#include <vector>

#include "cs351/core/config.h"

namespace cs351::autograde {
// The config keys this module reads ("autograde.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();
}  // namespace cs351::autograde
