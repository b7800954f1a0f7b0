#include "cs351/auth/schema.h"

namespace cs351::auth {

const store::Migrations& migrations() {
  static const store::Migrations list{};
  return list;
}

}  // namespace cs351::auth
