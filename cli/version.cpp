#include "cli/version.h"

#include "cs351_version.h"  // generated on every build by cli/version.cmake

namespace cs351::cli {

std::string version_text() {
  return "cs351 " CS351_VERSION " (commit " CS351_COMMIT ")";
}

}  // namespace cs351::cli
