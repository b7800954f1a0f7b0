#pragma once
// Pieces shared by the `usage` command files.

#include "cli/context.h"
#include "cs351/usage/query.h"

namespace cs351::cli {

// --course/--student/--since/--until/--utc.
void add_usage_filter(CLI::App* cmd, usage::Filter& filter);
// Without --course, the default course (`cs351 course use`, CS351_COURSE) when one is set.
void use_default_course(Context& ctx, usage::Filter& filter);

}  // namespace cs351::cli
