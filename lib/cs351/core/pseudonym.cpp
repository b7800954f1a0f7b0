#include "cs351/core/pseudonym.h"

#include "cs351/core/crypto.h"

namespace cs351 {

std::string pseudonym(const std::string& salt, const std::string& id) {
  return "student-" + hex_encode(sha256(salt + "\n" + id)).substr(0, 8);
}

}  // namespace cs351
