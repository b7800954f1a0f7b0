#pragma once
// The command-line front end: builds the command tree, parses, runs the chosen
// command, and maps every error to a documented exit code.

#include "cli/context.h"

namespace cs351::cli {

// `terminal`: the process's own streams (Terminal::system()), or a test's double.
int run(int argc, char** argv, Terminal& terminal = Terminal::system());

// The whole command tree, global options included (what run() parses).
void build_app(CLI::App& app, Context& ctx);

}  // namespace cs351::cli
