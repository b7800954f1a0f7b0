#include "cs351/analytics/schema.h"

namespace cs351::analytics {

const store::Migrations& migrations() {
  static const store::Migrations list{};
  return list;
}

}  // namespace cs351::analytics
