#pragma once
// Everything the whole program knows: every module's migrations (in dependency
// order) and every module's settings. The one place that names all modules.

#include <vector>

#include "cs351/core/config.h"
#include "cs351/store/migration.h"

namespace cs351 {

const store::Migrations& all_migrations();
const std::vector<SettingSpec>& all_settings();

}  // namespace cs351
