#include "cs351/store/time_column.h"

#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

namespace cs351::store {

TimePoint read_time(const SQLite::Column& column) {
  const std::string text = column.getString();
  const auto t = parse_time(text);
  if (!t)
    throw data_error(fmt::format("store column {}: '{}' is not a time", column.getName(), text));
  return *t;
}

std::optional<TimePoint> read_optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return read_time(column);
}

}  // namespace cs351::store
