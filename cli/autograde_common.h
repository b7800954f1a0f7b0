#pragma once
// Helpers shared by the autograde command files.

#include "cli/context.h"

namespace cs351::cli {

// `autograde serve` and `autograde submit` (cli/autograde_bridge.cpp).
void register_autograde_bridge(CLI::App& grp, Context& ctx);

}  // namespace cs351::cli
