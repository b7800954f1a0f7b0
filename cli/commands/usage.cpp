#include <fmt/format.h>

#include <ostream>
#include <set>

#include "cli/commands.h"
#include "cli/commands/usage_commands.h"
#include "cli/naming.h"
#include "cli/option_checks.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cs351/usage/daily.h"
#include "cs351/usage/import.h"
#include "cs351/usage/prices.h"
#include "cs351/usage/settings.h"

namespace cs351::cli {
namespace {

std::string skipped_text(const std::map<std::string, std::int64_t>& skipped) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : skipped) parts.push_back(fmt::format("{} {}", n, reason));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

void add_import(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("import", "Import agent transcripts (Claude Code, Codex)");
  auto o = std::make_shared<usage::ImportOptions>();
  cmd->add_option("PATH", o->paths,
                  "transcript file, ~/.claude/projects or ~/.codex/sessions tree, a folder "
                  "with one sub-folder or archive per student named by email, or a "
                  ".zip/.tar.gz of any of these")
      ->required();
  add_course_option(cmd, o->course);
  cmd->add_option("--student", o->student, "whose transcripts these are (else from folder names)");
  cmd->add_flag("--keep-prompts", o->keep_prompts, "store prompt text (default: lengths only)");
  cmd->footer(
      "Examples:\n  cs351 usage import ~/.claude/projects --course CS351-S26 --student "
      "ada@example.edu\n"
      "  cs351 usage import handins/ --course CS351-S26     # handins/<email>/...\n\n"
      "Re-importing adds nothing; a file that grew is read from where the last import stopped.");
  ctx.on_run(cmd, [&ctx, o] {
    o->course = chosen_course(ctx, o->course).code;
    o->max_line_bytes = ctx.config().value(usage::keys::max_line_bytes);
    usage::ImportSummary s;
    {
      Progress progress(ctx);
      auto options = *o;
      options.progress = [&progress](long done, long total) {
        progress.update(done, total, "transcripts");
      };
      s = usage::import_usage(ctx.store().db(), options);
    }
    ctx.info(fmt::format(
        "files: read {}, unchanged {}; API calls: read {}, inserted {}, duplicates dropped {}; "
        "{} lines of {} student{}; lines skipped: {}",
        s.files, s.files_unchanged, s.calls, s.new_calls, s.duplicates, s.lines, s.students,
        s.students == 1 ? "" : "s", skipped_text(s.skipped)));
  });
}

}  // namespace

void use_default_course(Context& ctx, usage::Filter& f) {
  if (f.course || !default_course(ctx)) return;
  f.course = chosen_course(ctx, "").code;
}

void add_usage_filter(CLI::App* cmd, usage::Filter& f) {
  cmd->add_option("--course", f.course,
                  "course code (default: the default course, else every course)");
  cmd->add_option("--student", f.student, "one student's email");
  cmd->add_option("--since", f.since, "first day, YYYY-MM-DD (inclusive)")
      ->type_name("DAY")
      ->check(calendar_day());
  cmd->add_option("--until", f.until, "last day, YYYY-MM-DD (inclusive)")
      ->type_name("DAY")
      ->check(calendar_day());
  cmd->add_flag("--utc", f.utc, "group by UTC day instead of the course's local day");
  cmd->add_flag("--anonymize", f.anonymize, "show students as stable pseudonyms");
}

namespace {

nlohmann::json cost_cell(const usage::Tokens& t) {
  if (!t.unpriced.empty()) return nullptr;
  return t.cost;
}

void warn_unpriced(Context& ctx, const std::vector<usage::DailyRow>& rows) {
  std::set<std::string> models;
  for (const auto& r : rows) models.insert(r.tokens.unpriced.begin(), r.tokens.unpriced.end());
  if (!models.empty())
    ctx.warn(fmt::format("no price for model{} {} (cost left empty; add it with usage.prices)",
                         models.size() == 1 ? "" : "s", fmt::join(models, ", ")));
}

void add_daily(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("daily", "Tokens and cost per day, student, agent and model");
  auto f = std::make_shared<usage::Filter>();
  add_usage_filter(cmd, *f);
  cmd->footer("Example:\n  cs351 usage daily --course CS351-S26 --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd,
      {column::date("date"), column::key("student"), column::key("model"),
       column::number("output_tokens"), column::number("cost_usd"),
       column::low(column::number("cache_creation_tokens")),
       column::low(column::number("cache_read_tokens")), column::low(column::number("api_calls")),
       column::low(column::plain("agent")), column::low(column::number("input_tokens"))});
  ctx.on_run(cmd, [&ctx, f] {
    use_default_course(ctx, *f);
    const auto prices = usage::PriceTable::load(ctx.config());
    const auto rows = usage::daily(ctx.store().db(), *f, prices);
    Listing listing{{"date", "student", "agent", "model", "api_calls", "input_tokens",
                     "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost_usd"}};
    for (const auto& r : rows) {
      const auto& t = r.tokens;
      listing.rows.push_back({{"date", r.date},
                              {"student", r.student},
                              {"agent", r.agent},
                              {"model", r.model},
                              {"api_calls", t.api_calls},
                              {"input_tokens", t.input},
                              {"output_tokens", t.output},
                              {"cache_creation_tokens", t.cache_creation},
                              {"cache_read_tokens", t.cache_read},
                              {"cost_usd", cost_cell(t)}});
    }
    warn_unpriced(ctx, rows);
    write_listing(ctx.out(), listing, ctx.output());
  });
}

}  // namespace

void add_usage_verbs(CLI::App& grp, Context& ctx) {
  add_import(grp, ctx);
  add_daily(grp, ctx);
  add_usage_stats_verbs(grp, ctx);
  add_usage_listings_verbs(grp, ctx);
}

}  // namespace cs351::cli
