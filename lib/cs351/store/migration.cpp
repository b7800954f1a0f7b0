#include "cs351/store/migration.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

namespace cs351::store {

// Integer arithmetic for the milliseconds (no floating point to round), so the
// text is exactly what format_store_time writes for the same instant. Values
// that are not integers (NULL, or text already) are left as they are.
std::string epoch_ms_to_store_time(std::string_view table,
                                   std::initializer_list<std::string_view> columns) {
  std::vector<std::string> sets;
  for (const auto c : columns) {
    sets.push_back(fmt::format(
        "{0} = CASE WHEN typeof({0}) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', {0} / 1000, "
        "'unixepoch') || '.' || substr('00' || ({0} % 1000), -3) || 'Z' ELSE {0} END",
        c));
  }
  return fmt::format("UPDATE {} SET {};\n", table, fmt::join(sets, ",\n  "));
}

}  // namespace cs351::store
