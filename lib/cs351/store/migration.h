#pragma once
// A schema change. Each module owns a component name and numbers its own
// migrations 1, 2, 3...; the store records the version reached per component.

#include <string>
#include <vector>

namespace cs351::store {

struct Migration {
  std::string component;  // the owning module: "store", "roster", "gradescope", ...
  int version;            // 1-based, consecutive within a component
  std::string sql;        // one or more statements
};

using Migrations = std::vector<Migration>;

}  // namespace cs351::store
