#include "cli_harness.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "cli/app.h"

namespace cs351::test {

CliHarness::CliHarness() {
  write_config("");
}

void CliHarness::write_config(const std::string& toml) const {
  std::ofstream(m_dir / "config.toml") << toml;
}

void CliHarness::init(bool with_course) {
  ok({"init"});
  if (with_course)
    ok({"course", "add", "CS351-S26", "--name", "Cloud Computing", "--timezone", "UTC"});
}

void CliHarness::import_roster() const {
  ok({"roster", "import", fixture_path("rosters/gradescope_roster.csv").string(), "--course",
      "CS351-S26"});
}

CliResult CliHarness::run(const std::vector<std::string>& args, cli::TerminalTraits traits,
                          const std::string& input) const {
  std::vector<std::string> words{"cs351", "--db", (m_dir / "cs351.db").string(), "--config",
                                 (m_dir / "config.toml").string()};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  cli::TestTerminal terminal(traits, input);
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), terminal);
  return {code, terminal.out_text(), terminal.err_text()};
}

CliResult CliHarness::ok(const std::vector<std::string>& args, cli::TerminalTraits traits,
                         const std::string& input) const {
  auto result = run(args, traits, input);
  INFO("stderr: " << result.err);
  REQUIRE(result.code == 0);
  return result;
}

cli::TerminalTraits interactive() {
  return {
      .stdin_tty = true, .stdout_tty = true, .stderr_tty = true, .width = 100, .color_auto = false};
}

nlohmann::json row_with(const nlohmann::json& rows, const std::string& key,
                        const std::string& value) {
  for (const auto& row : rows) {
    if (row.value(key, nlohmann::json()) == value) return row;
  }
  return nullptr;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.ends_with('\r')) line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace cs351::test
