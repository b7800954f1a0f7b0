#include "cs351/mail/schema.h"

namespace cs351::mail {

const store::Migrations& migrations() {
  static const store::Migrations list{};
  return list;
}

}  // namespace cs351::mail
