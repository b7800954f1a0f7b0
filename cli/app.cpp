#include "cli/app.h"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <ostream>

#include "cli/command_table.h"
#include "cli/help_text.h"
#include "cli/interrupt.h"
#include "cli/option_checks.h"
#include "cli/output.h"
#include "cli/printable.h"
#include "cli/run_student.h"
#include "cli/version.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

constexpr const char* k_footer = R"(Examples:
  cs351 course add CS351-S26 --name "Cloud Computing" --timezone America/Indiana/Indianapolis
  cs351 roster import roster.csv --course CS351-S26
  cs351 roster list --course CS351-S26 --format json

Commands: cs351 help. Exit codes: cs351 help exit-codes. Completion: cs351 completion bash|zsh|fish.
Docs: man cs351 (and man cs351-COMMAND) after cmake --install; docs/ in the source tree.)";

void add_global_options(CLI::App& app, GlobalOptions& o) {
  app.add_option("--db", o.db, "SQLite store path (env CS351_DB)")
      ->type_name("PATH")
      ->group("Global options");
  app.add_option("--config", o.config, "config file (env CS351_CONFIG)")
      ->type_name("PATH")
      ->group("Global options");
  app.add_option("--format", o.format, "output: table|csv|json (a command's --help lists its own)")
      ->type_name("FORMAT")
      ->group("Global options");
  app.add_option("--columns", o.columns, "listings: only these columns, in this order (a,b,c)")
      ->type_name("A,B,C")
      ->delimiter(',')
      ->group("Global options");
  app.add_flag("--wide", o.wide, "listings: every column whole, even wider than the terminal")
      ->group("Global options");
  app.add_option("--limit", o.limit, "listings: at most this many rows")
      ->type_name("N")
      ->check(at_least(1))
      ->group("Global options");
  app.add_flag("--no-headers", o.no_headers, "listings: no header line (table and csv)")
      ->group("Global options");
  app.add_flag("-q,--quiet", o.quiet, "only errors on stderr")->group("Global options");
  app.add_flag("-v,--verbose", o.verbose, "more detail on stderr")->group("Global options");
  app.add_flag("--utc", o.utc, "show times in UTC instead of the course's time zone")
      ->group("Global options");
  app.add_option("--color", o.color, "auto|always|never (NO_COLOR honoured)")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group("Global options");
}

}  // namespace

void build_app(CLI::App& app, Context& ctx) {
  app.fallthrough();  // global options may follow the subcommand
  app.require_subcommand(0, 1);
  // Subcommands inherit these: every help shows defaults and ends the same way.
  app.formatter(std::make_shared<HelpFormatter>(ctx));
  app.option_defaults()->always_capture_default();
  app.set_version_flag("--version", version_text());
  add_global_options(app, ctx.options);
  add_commands(app, ctx);
  app.footer(k_footer);  // last, or every command would inherit it
}

namespace {

int report(std::ostream& err, const std::string& message, ExitCode code) {
  err << "cs351: error: " << printable(message, true) << '\n';
  return static_cast<int>(code);
}

int parse_failure(CLI::App& app, const CLI::ParseError& e, const std::vector<std::string>& args,
                  const Terminal& terminal) {
  if (e.get_exit_code() == 0)
    return app.exit(e, terminal.out(), terminal.err());  // --help, --version
  const auto problem = find_usage_problem(app, args);
  terminal.err() << "cs351: error: "
                 << (problem.message.empty() ? check_failure_text(e.what()) : problem.message)
                 << "\nRun '" << problem.path << " --help' for usage.\n";
  return static_cast<int>(ExitCode::usage);
}

}  // namespace

int run(int argc, char** argv, Terminal& terminal) {
  if (argc > 0 && is_run_student(argv[0])) return run_student(argc, argv, terminal.err());
  exit_on_interrupt();
  CLI::App app{
      "cs351: the course-staff toolkit (roster, Gradescope, magic links, autograde, reports)",
      "cs351"};
  Context ctx(terminal);
  build_app(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return parse_failure(app, e, std::vector<std::string>(argv + 1, argv + argc), terminal);
  }
  try {
    ctx.run(app);
    return 0;
  } catch (const UserStop& e) {
    terminal.err() << "cs351: " << e.what() << '\n';
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    return report(terminal.err(), e.what(), e.code());
  } catch (const SQLite::Exception& e) {
    const int rc = e.getErrorCode();
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      return report(terminal.err(), fmt::format("store is busy: {}", e.what()),
                    ExitCode::temporary);
    return report(terminal.err(), fmt::format("store error: {}", e.what()), ExitCode::failure);
  } catch (const std::exception& e) {
    return report(terminal.err(), e.what(), ExitCode::failure);
  }
}

}  // namespace cs351::cli
