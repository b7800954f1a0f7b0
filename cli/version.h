#pragma once
// What `cs351 --version` prints: the release and the commit it was built from.

#include <string>

namespace cs351::cli {

std::string version_text();

}  // namespace cs351::cli
