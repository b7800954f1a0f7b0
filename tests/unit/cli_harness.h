#pragma once
// Runs `cs351 ARGS...` in process, through the real CLI11 app and Context, on a
// TestTerminal (string stdin/stdout/stderr, chosen is-terminal flags and width) and a
// scratch store and config: what a test_cli_<group>.cpp asserts on.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cli/terminal.h"
#include "support.h"

namespace cs351::test {

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// A scratch folder with an empty config.toml and, after init(), a store: every run
// passes --db and --config, so nothing outside the folder is read or written.
class CliHarness {
 public:
  CliHarness();
  // `cs351 init`, then `cs351 course add CS351-S26` when `with_course`.
  void init(bool with_course = true);
  // `cs351 roster import` of fixtures/rosters/gradescope_roster.csv into CS351-S26 (8 people).
  void import_roster() const;
  // ARGS after `cs351`, on a fresh TestTerminal with `traits` and `input` as stdin.
  CliResult run(const std::vector<std::string>& args, cli::TerminalTraits traits = {},
                const std::string& input = "") const;
  // A run that must succeed (its stderr is shown when it does not).
  CliResult ok(const std::vector<std::string>& args, cli::TerminalTraits traits = {},
               const std::string& input = "") const;
  // Replaces config.toml's text.
  void write_config(const std::string& toml) const;
  const ScratchDir& dir() const { return m_dir; }

 private:
  ScratchDir m_dir;
};

// What an interactive session looks like: all three streams terminals, 100 columns.
cli::TerminalTraits interactive();

// The row of a JSON listing whose `key` is `value`; null when there is none.
nlohmann::json row_with(const nlohmann::json& rows, const std::string& key,
                        const std::string& value);

// The lines of `text`, without their line ends (CSV records end in CRLF).
std::vector<std::string> lines_of(const std::string& text);

}  // namespace cs351::test
