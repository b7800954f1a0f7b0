#pragma once
#include <vector>

#include "cs351/core/config.h"

namespace cs351::auth {
// The config keys this module reads ("magic_link.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();
}  // namespace cs351::auth
