#pragma once
// The Gradescope command files (registered together from register_gradescope).

#include "cli/context.h"

namespace cs351::cli {

void register_gradescope_account(CLI::App& gradescope,
                                 Context& ctx);  // login, whoami, logout, courses
void register_gradescope_sync(CLI::App& gradescope, Context& ctx);  // sync, check, capture
// course link, assignments list, scores list, gradescope members
void register_gradescope_listings(CLI::App& app, CLI::App& gradescope, Context& ctx);

}  // namespace cs351::cli
