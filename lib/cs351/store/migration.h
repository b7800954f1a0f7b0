#pragma once
// A schema change. Each module owns a component name and numbers its own
// migrations 1, 2, 3...; the store records the version reached per component.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::store {

struct Migration {
  std::string component;  // the owning module: "store", "roster", "gradescope", ...
  int version;            // 1-based, consecutive within a component
  std::string sql;        // one or more statements
};

using Migrations = std::vector<Migration>;

// An UPDATE that rewrites `columns` of `table` from epoch-millisecond integers
// to the store's time text (core/time_format.h: format_store_time), in place.
std::string epoch_ms_to_store_time(std::string_view table,
                                   std::initializer_list<std::string_view> columns);

}  // namespace cs351::store
