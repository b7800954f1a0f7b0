#pragma once
// Helpers shared by the autograde command files.

#include "cli/context.h"

namespace cs351::cli {

// `autograde serve` and `autograde submit` (cli/commands/autograde_bridge.cpp).
void register_autograde_bridge(CLI::App& grp, Context& ctx);

}  // namespace cs351::cli

namespace cs351::cli {

// `autograde regrade` (cli/commands/autograde_regrade.cpp).
void register_autograde_regrade(CLI::App& grp, Context& ctx);

// `autograde stale`: the everyday face of `audit scores` (cli/commands/audit.cpp).
void register_autograde_stale(CLI::App& grp, Context& ctx);

// `autograde log` (cli/commands/autograde_log.cpp).
void register_autograde_log(CLI::App& grp, Context& ctx);

}  // namespace cs351::cli
