#pragma once
// Every top-level command, once (in the spirit of ninja's tool table): its name,
// the summary `--help` shows, what must be loaded
// before it runs, its docs page and examples. Help, shell completion and the man
// pages are all built from it (and from the CLI11 tree it makes), so they cannot drift.

#include <span>
#include <string>
#include <string_view>

#include "cli/context.h"

namespace cs351::cli {

struct CommandEntry {
  const char* name;
  const char* summary;
  Needs needs;
  void (*add_verbs)(CLI::App& command, Context& ctx);
  const char* doc = nullptr;       // the page under docs/ that explains it (man pages include it)
  const char* examples = nullptr;  // one command line per line: its --help and man page show them
  bool hidden = false;             // internal (completion candidates, man generator): not listed
};

std::span<const CommandEntry> command_table();

// The file that owns the command, named after it: cli/commands/roster.cpp, and
// cli/commands/magic_link.cpp for magic-link, cli/commands/complete.cpp for __complete.
std::string command_file(const CommandEntry& entry);
const CommandEntry* find_command(std::string_view name);

// "Examples:" (one per line, indented) and the docs page, as the group's help ends.
std::string examples_text(const CommandEntry& entry);

// Adds every command of the table to `app`, in table order.
void add_commands(CLI::App& app, Context& ctx);

}  // namespace cs351::cli
