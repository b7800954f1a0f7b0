#pragma once
// Every top-level command, once (in the spirit of ninja's tool table): its name,
// the summary `--help` shows, the file that owns it, and what must be loaded
// before it runs. Help is built from it; completion and man pages can be too.

#include <span>

#include "cli/context.h"

namespace cs351::cli {

const char* needs_name(Needs needs);

struct CommandEntry {
  const char* name;
  const char* summary;
  const char* file;  // under cli/
  Needs needs;
  void (*add_verbs)(CLI::App& command, Context& ctx);
};

std::span<const CommandEntry> command_table();

// Adds every command of the table to `app`, in table order.
void add_commands(CLI::App& app, Context& ctx);

}  // namespace cs351::cli
