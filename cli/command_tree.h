#pragma once
// Reading the CLI11 command tree that build_app() makes: help, the command
// list, "did you mean", completion and the man pages all walk it the same way.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cs351::cli {

// Subcommands a user may type, in definition order (internal ones have no group).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& command);

// "cs351 roster import": the words that reach `command` from the top.
std::string command_path(const CLI::App& command);

// Long and short names of the options that apply to `command`: its own, then
// its ancestors' (global options may follow the subcommand).
std::vector<const CLI::Option*> applicable_options(const CLI::App& command);

// Whether the option takes a value (a flag does not).
bool takes_value(const CLI::Option& option);

// The option's spellings, e.g. {"-q", "--quiet"}; none for a positional.
std::vector<std::string> option_spellings(const CLI::Option& option);

// The subcommand called `word`, or nullptr.
const CLI::App* find_subcommand(const CLI::App& command, const std::string& word);

}  // namespace cs351::cli
