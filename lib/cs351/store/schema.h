#pragma once
#include "cs351/store/migration.h"

namespace cs351::store {
// The store's own tables (the events audit trail); applied before any module's.
const Migrations& migrations();
}  // namespace cs351::store
