#include "cli/local_times.h"

#include <fmt/format.h>

#include <ostream>

#include "cli/naming.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"

namespace cs351::cli {

std::string display_zone(Context& ctx, const roster::Course* course) {
  if (ctx.options.utc) return "UTC";
  if (course) return course->timezone;
  if (const auto fallback = default_course(ctx))
    if (const auto c = roster::find_course(ctx.store().db(), fallback->code)) return c->timezone;
  return "UTC";
}

void write_timed_listing(std::ostream& out, Listing listing, const OutputOptions& options,
                         const std::vector<std::string>& time_columns, const std::string& zone) {
  if (options.format == "table") {
    for (auto& row : listing.rows) {
      for (const auto& column : time_columns) {
        auto cell = row.find(column);
        if (cell == row.end() || !cell->is_string()) continue;
        if (const auto t = parse_time(cell->get<std::string>())) *cell = format_in_zone(*t, zone);
      }
    }
  }
  write_listing(out, listing, options);
}

TimePoint typed_time(const std::string& flag, const std::string& text, const std::string& zone) {
  if (const auto t = parse_time(trim(text), zone)) return *t;
  throw usage_error(fmt::format(
      "{}: cannot read '{}' as a time (e.g. 2026-02-10T23:59, in {} unless it ends in Z or an "
      "offset like -05:00)",
      flag, text, zone));
}

}  // namespace cs351::cli
