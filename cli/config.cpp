#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"

namespace cs351::cli {

void add_config_verbs(CLI::App& grp, Context& ctx) {
  auto* show = grp.add_subcommand(
      "show", "Every setting, its value and its origin (default, file, env, flag)");
  show->footer(
      "Example:\n  cs351 config show\n  CS351_STORE_PATH=/tmp/x.db cs351 config show --format "
      "json");
  ctx.formats(show, {{"table", "csv", "json"}});
  ctx.on_run(show, [&ctx] {
    const auto& config = ctx.config();
    Listing listing{{"key", "value", "origin", "env"}};
    for (const auto& s : config.all()) {
      listing.rows.push_back({{"key", s.key},
                              {"value", s.secret ? "********" : s.value},
                              {"origin", s.known ? origin_name(s.origin) : "file (unknown key)"},
                              {"env", s.known ? env_name_for(s.key) : ""}});
    }
    write_listing(std::cout, listing, ctx.format());
    ctx.detail("config file: " + config.file().string());
  });
}

}  // namespace cs351::cli
