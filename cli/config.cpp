#include <map>
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"

namespace cs351::cli {

void add_config_verbs(CLI::App& grp, Context& ctx) {
  auto* show = grp.add_subcommand(
      "show",
      "Every setting, set or not: its value, origin (default, file, env, flag) and env twin");
  show->footer(
      "Unset settings show origin 'unset' (null in JSON). The fields of each\n"
      "[autograde.assignments.NAME] table the file names are listed too; their env twins\n"
      "(CS351_AUTOGRADE_ASSIGNMENTS_NAME_TIMEOUT, ...) apply to tables the file declares.\n"
      "Example:\n  cs351 config show\n  CS351_STORE_PATH=/tmp/x.db cs351 config show --format "
      "json");
  ctx.formats(show, {{"table", "csv", "json"}});
  ctx.on_run(show, [&ctx] {
    const auto& config = ctx.config();
    std::map<std::string, nlohmann::json> rows;
    for (const auto& s : config.all()) {
      rows[s.key] = {{"key", s.key},
                     {"value", s.secret ? "********" : s.value},
                     {"origin", s.known ? origin_name(s.origin) : "file (unknown key)"},
                     {"env", s.known ? env_name_for(s.key) : ""}};
    }
    for (const auto& key : config.unset_keys()) {
      rows[key] = {
          {"key", key}, {"value", nullptr}, {"origin", "unset"}, {"env", env_name_for(key)}};
    }
    Listing listing{{"key", "value", "origin", "env"}};
    for (auto& [_, row] : rows) listing.rows.push_back(std::move(row));
    write_listing(ctx.out(), listing, ctx.output());
    ctx.detail("config file: " + config.file().string());
  });
  add_config_edit_verbs(grp, ctx);
}

}  // namespace cs351::cli
