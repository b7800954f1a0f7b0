#include <iostream>

#include "cli/commands.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

constexpr const char* k_exit_codes = R"(cs351 exit codes
   0  ok
   1  anything else (an unexpected failure)
   2  usage: unknown command or flag, bad flag value, --yes needed without a terminal
  65  bad input data: a CSV/JSON/HTML file or token that cannot be used (every problem is listed)
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
  ctx.on_run(codes, [] { std::cout << k_exit_codes; });
}

}  // namespace cs351::cli
