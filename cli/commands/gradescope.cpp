#include "cli/commands.h"

namespace cs351::cli {

void add_gradescope_verbs(CLI::App& grp, Context& ctx) {
  add_gradescope_account_verbs(grp, ctx);
  add_gradescope_sync_verbs(grp, ctx);
  add_gradescope_members_verbs(grp, ctx);
}

}  // namespace cs351::cli
