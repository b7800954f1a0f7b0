#pragma once
// One grammar for every command, generated from the command tree: the help
// each command shows (its --format choices, the global options), the
// command list that `cs351`, `cs351 help` and `cs351 GROUP` print, and the
// "did you mean" that answers an unknown word.

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "cs351/core/error.h"

namespace cs351::cli {

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(const Context& ctx) : m_ctx(ctx) {}
  std::string make_option_opts(const CLI::Option* option) const override;
  std::string make_footer(const CLI::App* command) const override;

 private:
  const Context& m_ctx;
};

// "--format table|csv|json (default: table on a terminal, csv when piped)".
std::string formats_text(const OutputFormats& formats);

// The global options every subcommand accepts (the top level's "Global options"
// group), as its help and man page list them.
std::string global_options_text(const CLI::App& command);

// The subcommands of `command` with their summaries, and how to learn more.
std::string command_list(const CLI::App& command);

// A command typed without the subcommand it needs: prints the list on `err`
// and returns the usage error to throw.
Error missing_command(const CLI::App& command, std::ostream& err);

// Up to three of `names` close to `word`: starting with it, or a typo away.
std::vector<std::string> similar_words(const std::string& word,
                                       const std::vector<std::string>& names);

// "unknown setting 'KEY'", with "; did you mean ...?" naming the nearest declared settings.
std::string unknown_setting_message(const std::string& key);

// Where a rejected command line went wrong, for the error message.
struct UsageProblem {
  std::string path;     // the command reached, e.g. "cs351 roster list"
  std::string message;  // "unknown command 'rostr' for 'cs351'; did you mean 'roster'?", or empty
};
UsageProblem find_usage_problem(const CLI::App& root, const std::vector<std::string>& args);

}  // namespace cs351::cli
