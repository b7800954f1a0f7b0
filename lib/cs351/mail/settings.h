#pragma once
#include <vector>

#include "cs351/core/config.h"

namespace cs351::mail {
// The config keys this module reads ("ses.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();
}  // namespace cs351::mail
