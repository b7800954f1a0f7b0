#pragma once
// What every command gets: the global options, and the config and store,
// loaded on first use so `--help` never touches the disk.

#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>

#include "cs351/core/config.h"
#include "cs351/store/store.h"

namespace cs351::cli {

struct GlobalOptions {
  std::string db;
  std::string config;
  std::string format;
  std::string color = "auto";
  bool quiet = false;
  int verbose = 0;
};

class Context {
 public:
  GlobalOptions options;

  const Config& config();
  store::Store& store();

  // The output format for this command: --format when given (checked against
  // `allowed`), else table on a TTY and `fallback` when piped.
  std::string format(std::initializer_list<const char*> allowed,
                     const std::string& fallback = "csv");

  bool stdout_is_tty() const;
  bool stdin_is_tty() const;
  bool color_stderr() const;

  // Messages on stderr: info is silenced by -q, detail needs -v.
  void info(const std::string& message) const;
  void detail(const std::string& message) const;
  void warn(const std::string& message) const;

  // Asks on a TTY; without one, proceeds only with `yes`, else a usage error.
  void confirm(const std::string& question, bool yes) const;

  // Commands register what they do; run() executes the one the user chose.
  void on_run(CLI::App* command, std::function<void()> action);
  void run(const CLI::App& app);

 private:
  std::unique_ptr<Config> m_config;
  std::unique_ptr<store::Store> m_store;
  std::map<const CLI::App*, std::function<void()>> m_actions;
};

// The subcommand `name` of `parent`, created with `description` when missing,
// so several command files can add verbs to one group ("course link").
CLI::App* group(CLI::App& parent, const std::string& name, const std::string& description);

}  // namespace cs351::cli
