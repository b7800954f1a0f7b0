// `usage stats`: the claude-track layout as text on a terminal, or the same
// sections as JSON / CSV (section, name, value).

#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/commands/usage_commands.h"
#include "cli/output.h"
#include "cli/printable.h"
#include "cs351/usage/stats.h"

namespace cs351::cli {
namespace {

constexpr int k_bar_width = 20;

std::string grouped(std::int64_t n) {
  auto digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return n < 0 ? "-" + digits : digits;
}

std::string bar(std::int64_t n, std::int64_t max) {
  if (max <= 0 || n <= 0) return {};
  const auto cells = std::max<std::int64_t>(1, (n * k_bar_width + max / 2) / max);
  std::string out;
  for (std::int64_t i = 0; i < cells; ++i) out += "█";
  return out;
}

std::string hours_minutes(std::int64_t seconds) {
  const auto minutes = seconds / 60;
  if (minutes < 60) return fmt::format("{}m", minutes);
  return fmt::format("{}h {}m", minutes / 60, minutes % 60);
}

// A section title is printed unless empty (the tool table follows its total).
void counts_table(std::ostream& out, const std::string& title, const std::string& count_head,
                  const std::string& name_head, const std::vector<usage::Count>& rows, bool bars) {
  if (!title.empty()) out << "--- " << title << " ---\n";
  out << fmt::format("{:>6}  {}\n──────  ───────────────\n", count_head, name_head);
  const auto max = rows.empty() ? 0 : rows.front().n;
  for (const auto& r : rows)
    out << fmt::format("{:>6}  {}{}\n", grouped(r.n), r.name, bars ? "  " + bar(r.n, max) : "");
}

void sessions_and_models(std::ostream& out, const usage::Stats& s) {
  out << "--- Sessions ---\n"
      << fmt::format(
             "Total sessions: {}\nTotal duration: {}\nAvg session: {}\nSessions today: {}\n",
             grouped(s.sessions), hours_minutes(s.seconds),
             hours_minutes(s.sessions ? s.seconds / s.sessions : 0), s.sessions_today);
  out << "--- Models ---\n"
      << fmt::format("{:<28}  {:>12}  {:>8}\n", "Model", "I/O Toks", "Sessions");
  out << fmt::format("{:<28}  {:>12}  {:>8}\n", "────────────────────────────", "────────────",
                     "────────");
  const auto max = s.models.empty() ? 0 : s.models.front().io_tokens;
  for (const auto& m : s.models)
    out << fmt::format("{:<28}  {:>12}  {:>8}  {}\n", m.model, grouped(m.io_tokens), m.sessions,
                       bar(m.io_tokens, max));
}

void tokens_prompts_plans(std::ostream& out, const usage::Stats& s) {
  const auto& t = s.tokens;
  out << "--- Token Usage ---\n"
      << fmt::format(
             "Input tokens: {}\nCache creation: {}\nCache reads: {}\nOutput tokens: {}\nAPI calls: "
             "{}\nCache hit rate: {:.1f}%\nEst. cost (total): ${:.2f}{}\n",
             grouped(t.input), grouped(t.cache_creation), grouped(t.cache_read), grouped(t.output),
             grouped(t.api_calls), 100 * s.cache_hit_rate, t.cost,
             t.unpriced.empty() ? ""
                                : fmt::format(" (no price for {})", fmt::join(t.unpriced, ", ")));
  out << "--- Prompts ---\n"
      << fmt::format(
             "Total prompts: {}\nAvg per session: {:.1f}\nAvg length: {} chars\nSlash commands: "
             "{}\n",
             grouped(s.prompts), s.sessions ? double(s.prompts) / double(s.sessions) : 0.0,
             s.prompts ? s.prompt_chars / s.prompts : 0, grouped(s.slash_commands));
  out << "--- Plans ---\n" << fmt::format("Total plans: {}\n", grouped(s.plans));
}

void projects_table(std::ostream& out, const usage::Stats& s) {
  out << "--- By Project ---\n"
      << fmt::format("{:>6}  {}\n{}  {}\n", "Calls", "Project", "──────", "───────");
  for (const auto& p : s.projects)
    out << fmt::format("{:>6}  {}{}\n", grouped(p.calls), p.worktree ? "↳ " : "", p.project);
}

void write_text(std::ostream& out, const usage::Stats& s, const std::string& store) {
  out << "=== Agent Usage Stats ===\n"
      << "Store: " << store << '\n';
  if (!s.first_at.empty()) out << "Tracking since: " << s.first_at.substr(0, 19) << "Z\n";
  sessions_and_models(out, s);
  tokens_prompts_plans(out, s);
  out << "--- Tool Usage ---\n" << fmt::format("Total tool calls: {}\n", grouped(s.tool_calls));
  counts_table(out, "", "Calls", "Tool", s.tools, true);
  counts_table(out, "Top 10 Files Read", "Reads", "File", s.files_read, false);
  counts_table(out, "Top 10 Bash Commands", "Runs", "Command", s.bash_commands, false);
  counts_table(out, "Activity by Date", "Calls", "Date", s.activity, false);
  projects_table(out, s);
}

nlohmann::json counts_json(const std::vector<usage::Count>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& r : rows) out.push_back({{"name", r.name}, {"count", r.n}});
  return out;
}

nlohmann::json stats_json(const usage::Stats& s) {
  const auto& t = s.tokens;
  auto models = nlohmann::json::array();
  for (const auto& m : s.models)
    models.push_back({{"model", m.model}, {"io_tokens", m.io_tokens}, {"sessions", m.sessions}});
  auto projects = nlohmann::json::array();
  for (const auto& p : s.projects)
    projects.push_back({{"project", p.project}, {"calls", p.calls}, {"worktree", p.worktree}});
  return {
      {"tracking_since", s.first_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.first_at)},
      {"sessions", {{"total", s.sessions}, {"seconds", s.seconds}, {"today", s.sessions_today}}},
      {"models", models},
      {"tokens",
       {{"input", t.input},
        {"cache_creation", t.cache_creation},
        {"cache_read", t.cache_read},
        {"output", t.output},
        {"api_calls", t.api_calls},
        {"cache_hit_rate", s.cache_hit_rate},
        {"cost_usd", t.cost},
        {"unpriced_models", t.unpriced}}},
      {"prompts",
       {{"total", s.prompts},
        {"characters", s.prompt_chars},
        {"slash_commands", s.slash_commands}}},
      {"plans", s.plans},
      {"tool_calls", s.tool_calls},
      {"tools", counts_json(s.tools)},
      {"files_read", counts_json(s.files_read)},
      {"bash_commands", counts_json(s.bash_commands)},
      {"activity", counts_json(s.activity)},
      {"projects", projects}};
}

// The first of `keys` that `row` has, as text.
std::string cell_of(const nlohmann::json& row, std::initializer_list<const char*> keys) {
  for (const auto* k : keys)
    if (row.contains(k)) return cell_text(row[k]);
  return {};
}

// CSV: one (section, name, value) row per figure, from the JSON form.
void write_csv_stats(std::ostream& out, const nlohmann::json& j) {
  write_csv_row(out, {"section", "name", "value"});
  for (const auto& [section, value] : j.items()) {
    if (value.is_object()) {
      for (const auto& [k, v] : value.items()) write_csv_row(out, {section, k, cell_text(v)});
    } else if (value.is_array()) {
      for (const auto& row : value)
        write_csv_row(out, {section, cell_of(row, {"name", "model", "project"}),
                            cell_of(row, {"count", "io_tokens", "calls"})});
    } else {
      write_csv_row(out, {section, "", cell_text(value)});
    }
  }
}

}  // namespace

void add_usage_stats_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("stats", "claude-track's report: sessions, models, tokens, tools, ...");
  auto f = std::make_shared<usage::Filter>();
  add_usage_filter(cmd, *f);
  cmd->footer(
      "Examples:\n  cs351 usage stats --course CS351-S26\n  cs351 usage stats --student "
      "ada@example.edu --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}, "table"});
  ctx.on_run(cmd, [&ctx, f] {
    use_default_course(ctx, *f);
    const auto prices = usage::PriceTable::load(ctx.config());
    const auto stats = usage::compute_stats(ctx.store().db(), *f, prices);
    const auto format = ctx.format();
    if (format == "json") {
      ctx.out() << json_text(stats_json(stats)) << '\n';
    } else if (format == "csv") {
      write_csv_stats(ctx.out(), stats_json(stats));
    } else {
      // Model, file, command and project names come from students' transcripts.
      std::ostringstream report;
      write_text(report, stats, ctx.store().path().string());
      ctx.out() << printable(report.str(), true);
    }
  });
}

}  // namespace cs351::cli
