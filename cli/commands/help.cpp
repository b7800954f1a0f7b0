#include <ostream>

#include "cli/command_tree.h"
#include "cli/commands.h"
#include "cli/help_text.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

constexpr const char* k_exit_codes = R"(cs351 exit codes
   0  ok
   1  anything else (an unexpected failure)
   2  usage: unknown command or flag, bad flag value, --yes needed without a terminal
  65  bad input data: a CSV/JSON/HTML file or token that cannot be used (every problem is listed)
  66  missing input: no store where --db, CS351_DB or the config points (`cs351 init` makes one)
  69  a remote service is unavailable (network down, 5xx, the PostgreSQL queue unreachable)
  75  temporary: the lock is held by another run, or the service throttled us; retry later
  77  not authorised: login failed, session expired, token rejected
  78  configuration error: a bad or missing setting, a store or queue from a newer cs351,
      a PostgreSQL queue that needs `cs351 autograde migrate`
 130  interrupted (Ctrl-C)
)";

}  // namespace

void add_help_verbs(CLI::App& help, Context& ctx) {
  auto* codes = help.add_subcommand("exit-codes", "What each exit code means");
  ctx.on_run(codes, [&ctx] { ctx.out() << k_exit_codes; });
  auto words = std::make_shared<std::vector<std::string>>();
  help.add_option("COMMAND", *words, "a command, e.g. roster import: print its help");
  // `cs351 help` is the command list; `cs351 help roster import` is that command's --help.
  ctx.on_run(&help, [&help, &ctx, words] {
    const CLI::App& root = *help.get_parent();
    const CLI::App* at = &root;
    for (const auto& word : *words) {
      at = find_subcommand(*at, word);
      if (at == nullptr) throw usage_error(find_usage_problem(root, *words).message);
    }
    if (at == &root) {
      ctx.out() << command_list(root);
    } else {
      ctx.out() << at->help(command_path(*at->get_parent()));
    }
  });
}

}  // namespace cs351::cli
