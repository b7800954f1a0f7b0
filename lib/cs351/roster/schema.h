#pragma once
#include "cs351/store/migration.h"

namespace cs351::roster {
// courses, people, enrollments.
const store::Migrations& migrations();
}  // namespace cs351::roster
