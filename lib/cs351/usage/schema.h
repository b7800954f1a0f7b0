#pragma once
#include "cs351/store/migration.h"

namespace cs351::usage {
// This module's tables, component "usage" (numbered 1, 2, ... within the component).
const store::Migrations& migrations();
}  // namespace cs351::usage
