#include "cli/commands.h"
#include "cli/gradescope_commands.h"

namespace cs351::cli {

void register_gradescope(CLI::App& app, Context& ctx) {
  auto* grp =
      group(app, "gradescope", "Gradescope: login, courses, sync into the store, check, capture");
  grp->require_subcommand(1);
  grp->footer(
      "Examples:\n  cs351 gradescope login --email ta@example.edu\n  cs351 gradescope courses\n"
      "  cs351 course link CS351-S26 1132878\n  cs351 gradescope sync\n  cs351 gradescope check "
      "--course CS351-S26\n\n"
      "Docs: docs/gradescope.md, docs/cron.md.");
  register_gradescope_account(*grp, ctx);
  register_gradescope_sync(*grp, ctx);
  register_gradescope_listings(app, *grp, ctx);
}

}  // namespace cs351::cli
