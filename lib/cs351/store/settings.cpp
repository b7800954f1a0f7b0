#include "cs351/store/settings.h"

#include "cs351/core/paths.h"

namespace cs351::store {

std::string default_path_text() {
  return default_store_path().string();
}

}  // namespace cs351::store
