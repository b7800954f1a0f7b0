#pragma once
#include <vector>

#include "cs351/core/config.h"

namespace cs351::usage {
// The config keys this module reads ("usage.*"), with defaults and help for `config show`.
const std::vector<SettingSpec>& settings();
}  // namespace cs351::usage
