#include <map>
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cs351/registry.h"

namespace cs351::cli {
namespace {

nlohmann::json key_row(const std::string& key, const ValueRule& rule,
                       const std::optional<std::string>& fallback, std::string_view help) {
  return {
      {"key", key},
      {"type", type_name(rule.type)},
      {"values", expected_value(rule)},
      {"default", fallback ? nlohmann::json(*fallback) : nlohmann::json(nullptr)},
      {"env", key.ends_with(".*") ? nlohmann::json(nullptr) : nlohmann::json(env_name_for(key))},
      {"help", help}};
}

// Every declared setting (a family's fields under NAME), from the declarations themselves.
void add_keys(CLI::App& grp, Context& ctx) {
  auto* keys = grp.add_subcommand(
      "keys", "Every setting cs351 reads: its type, the values it takes, its default and help");
  keys->footer(
      "The declarations config show, config set and the default config file follow.\n"
      "Example:\n  cs351 config keys --format csv --columns key,type,default");
  ctx.formats(keys, {{"table", "csv", "json"}});
  ctx.column_roles(keys, {column::key("key"), column::text("help"), column::text("values"),
                          column::low(column::plain("env"))});
  ctx.on_run(keys, [&ctx] {
    Listing listing{{"key", "type", "values", "default", "env", "help"}};
    for (const auto& spec : all_settings()) {
      if (spec.fields.empty()) {
        listing.rows.push_back(
            key_row(std::string(spec.key), spec.rule, default_of(spec), spec.help));
        continue;
      }
      for (const auto& key : declared_keys(std::span(&spec, 1), "")) {
        const auto* rule = rule_of(std::span(&spec, 1), key);
        listing.rows.push_back(key_row(key, *rule, std::nullopt, spec.help));
      }
    }
    write_listing(ctx.out(), listing, ctx.output());
  });
}

}  // namespace

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
  ctx.column_roles(show,
                   {column::key("key"), column::text("value"), column::low(column::plain("env"))});
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
  add_keys(grp, ctx);
  add_config_edit_verbs(grp, ctx);
}

}  // namespace cs351::cli
