#pragma once
// Helpers shared by the autograde command files.

#include "cli/context.h"

namespace cs351::cli {

// Single results print as JSON unless --format table asks for key: value lines.
extern const OutputFormats k_object_formats;

// `autograde serve` and `autograde submit` (cli/autograde_bridge.cpp).
void register_autograde_bridge(CLI::App& grp, Context& ctx);

}  // namespace cs351::cli
