#pragma once
// The files that add the `gradescope` verbs (registered from cli/commands/gradescope.cpp).

#include "cli/context.h"

namespace cs351::cli {

void register_gradescope_account(CLI::App& gradescope,
                                 Context& ctx);  // login, whoami, logout, courses
void register_gradescope_sync(CLI::App& gradescope, Context& ctx);  // sync, check, capture
void add_gradescope_members(CLI::App& gradescope, Context& ctx);

}  // namespace cs351::cli
