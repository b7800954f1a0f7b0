#include "cli/commands.h"
#include "cli/gradescope_commands.h"

namespace cs351::cli {

void add_gradescope_verbs(CLI::App& grp, Context& ctx) {
  grp.require_subcommand(1);
  grp.footer(
      "Examples:\n  cs351 gradescope login --email ta@example.edu\n  cs351 gradescope courses\n"
      "  cs351 course link CS351-S26 1132878\n  cs351 gradescope sync\n  cs351 gradescope check "
      "--course CS351-S26\n\n"
      "Docs: docs/gradescope.md, docs/cron.md.");
  register_gradescope_account(grp, ctx);
  register_gradescope_sync(grp, ctx);
  add_gradescope_members(grp, ctx);
}

}  // namespace cs351::cli
