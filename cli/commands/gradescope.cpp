#include "cli/commands.h"
#include "cli/commands/gradescope_commands.h"

namespace cs351::cli {

void add_gradescope_verbs(CLI::App& grp, Context& ctx) {
  register_gradescope_account(grp, ctx);
  register_gradescope_sync(grp, ctx);
  add_gradescope_members(grp, ctx);
}

}  // namespace cs351::cli
