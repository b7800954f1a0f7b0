#pragma once
// Times as staff read and type them: tables show course-local time with the
// offset, JSON and CSV keep ISO-8601 UTC, and a time typed without an offset
// is the course's wall time. --utc shows UTC instead.

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "cli/output.h"
#include "cs351/roster/course.h"

namespace cs351::cli {

// The zone times are shown and read in: UTC with --utc, else the course's,
// else (no course given) the default course's when there is one, else UTC.
std::string display_zone(Context& ctx, const roster::Course* course);

// Writes the listing; for a table, the cells of `time_columns` (ISO-8601 UTC
// text) are shown in `zone` first.
void write_timed_listing(std::ostream& out, Listing listing, const OutputOptions& options,
                         const std::vector<std::string>& time_columns, const std::string& zone);

// A time the user typed for `flag`: ISO-8601, in `zone` unless it carries an
// offset or Z. A usage Error naming the flag when it does not parse.
TimePoint typed_time(const std::string& flag, const std::string& text, const std::string& zone);

}  // namespace cs351::cli
