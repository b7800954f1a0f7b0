#include "cs351/autograde/schema.h"

namespace cs351::autograde {

const store::Migrations& migrations() {
  static const store::Migrations list{};
  return list;
}

}  // namespace cs351::autograde
