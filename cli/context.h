#pragma once
// What every command gets: the global options, and the config and store,
// loaded on first use so `--help` never touches the disk.

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/output.h"
#include "cli/terminal.h"
#include "cs351/core/config.h"
#include "cs351/core/error.h"
#include "cs351/store/store.h"

namespace cs351::cli {

// The user chose to stop (answered n at a prompt, pressed Ctrl-C): not a failure of
// cs351, so it prints as "cs351: MESSAGE" rather than "cs351: error: MESSAGE".
class UserStop : public Error {
 public:
  using Error::Error;
};

// What a command needs loaded: `config` commands must never open the store (Context
// refuses); `store` ones open it when they first ask. Credentials for a remote service
// are read by the command that talks to it, so they need no level of their own.
enum class Needs {
  config,  // the layered config only; never opens the store
  store,   // the SQLite store, opened on first use
};

// The --format choices of a command that prints data, and what it prints without
// --format. Declared where the command is built, so --help, completion and the
// man pages show the same choices format() enforces.
struct OutputFormats {
  std::vector<std::string> choices;
  std::string piped = "csv";       // stdout is not a terminal
  std::string terminal = "table";  // stdout is a terminal
};

// A single result (one run, one identity, an account): key: value lines on a
// terminal, JSON for the script or web page reading it from a pipe.
inline const OutputFormats k_object_formats{{"table", "csv", "json"}, "json"};

struct GlobalOptions {
  std::string db;
  std::string config;
  std::string format;
  std::string color = "auto";
  std::vector<std::string> columns;  // --columns a,b,c
  bool wide = false;                 // --wide: tables neither drop nor cut columns
  std::size_t limit = 0;             // --limit N; 0: every row
  bool no_headers = false;
  bool quiet = false;
  bool utc = false;  // show times in UTC, not course-local
  int verbose = 0;
};

class Context {
 public:
  // Commands talk to `terminal` (the process's own streams, or a test's double).
  Context() : Context(Terminal::system()) {}
  explicit Context(Terminal& terminal) : m_terminal(terminal) {}

  GlobalOptions options;

  // stdin, stdout, stderr and what they are: the only way a command reaches them.
  Terminal& terminal() const { return m_terminal; }
  std::ostream& out() const { return m_terminal.out(); }
  std::ostream& err() const { return m_terminal.err(); }

  const Config& config();
  // Which config file --config, CS351_CONFIG or the default names, without reading it
  // (so `config edit` can mend a file that does not parse).
  std::filesystem::path config_file() const;
  // The store, opened on first use. A store that is not there is an error (exit 66,
  // naming the path and what chose it) unless the chosen command creates one.
  store::Store& store();
  // `command` may create a missing store file; `with_folders` lets it create missing
  // folders too (init). Others may create folders only at the default location.
  void creates_store(const CLI::App* command, bool with_folders = false);
  // The store's folder, where sessions and caches live, without opening the store.
  std::filesystem::path data_dir();
  // What chose the store's path: "--db", "CS351_DB", "store.path in FILE", ...
  std::string store_origin();
  // Opens further connections to the same store (for worker threads).
  store::StoreFactory store_factory();

  void formats(const CLI::App* command, OutputFormats formats);
  // nullptr for a command that prints no data.
  const OutputFormats* formats_of(const CLI::App* command) const;
  // The output format of the chosen command: --format when given (checked
  // against its declared choices), else its default for a terminal or a pipe.
  std::string format() const;
  // What a listing command's columns are for (table_fit.h): which identify a row,
  // which are times, free text, numbers, low-value. Every listing declares them.
  void column_roles(const CLI::App* command, ColumnRoles roles);
  // nullptr for a command that declared none.
  const ColumnRoles* column_roles_of(const CLI::App* command) const;
  // Everything write_listing/write_object need: format() as above, --columns, --wide,
  // --limit, --no-headers, the terminal's width and the chosen command's column roles
  // for tables, and stderr for the dropped-columns notice when it is a terminal.
  OutputOptions output() const;

  bool stdout_is_tty() const;
  // Columns of the terminal on stdout (COLUMNS when it cannot tell); 0: unknown.
  std::size_t terminal_width() const;
  bool stdin_is_tty() const;
  bool stderr_is_tty() const;
  bool color_stderr() const;

  // Messages on stderr: info and warn are silenced by -q, detail needs -v.
  void info(const std::string& message) const;
  void detail(const std::string& message) const;
  void warn(const std::string& message) const;

  // Asks on a TTY; without one, proceeds only with `yes`, else a usage error.
  void confirm(const std::string& question, bool yes) const;

  // Commands register what they do; run() executes the one the user chose.
  void on_run(CLI::App* command, std::function<void()> action);
  // A top-level command's table row says whether it may open the store: one
  // that says config only and opens it anyway is a bug (a logic_error).
  void on_needs(const CLI::App* command, Needs needs);
  void run(const CLI::App& app);

 private:
  Terminal& m_terminal;
  std::unique_ptr<Config> m_config;
  std::unique_ptr<store::Store> m_store;
  void check_store_location(const std::filesystem::path& path);
  std::map<const CLI::App*, std::function<void()>> m_actions;
  std::map<const CLI::App*, Needs> m_needs;
  std::map<const CLI::App*, bool> m_creates_store;  // command -> may create folders
  std::map<const CLI::App*, OutputFormats> m_formats;
  std::map<const CLI::App*, ColumnRoles> m_column_roles;
  Needs m_chosen_needs = Needs::store;
  const CLI::App* m_chosen = nullptr;
};

}  // namespace cs351::cli
