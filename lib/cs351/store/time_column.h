#pragma once
// Reading the store's time columns, written by format_store_time (core/time_format.h).

#include <SQLiteCpp/Column.h>

#include <optional>

#include "cs351/core/clock.h"

namespace cs351::store {

// The column's time; throws Error (data) naming the column when it holds no time.
TimePoint read_time(const SQLite::Column& column);

// As read_time, with NULL as nullopt.
std::optional<TimePoint> read_optional_time(const SQLite::Column& column);

}  // namespace cs351::store
