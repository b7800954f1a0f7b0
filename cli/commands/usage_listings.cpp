// `usage sessions` and `usage students`: listings over the imported usage.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "cli/commands.h"
#include "cli/commands/usage_commands.h"
#include "cli/output.h"
#include "cs351/core/error.h"
#include "cs351/usage/listings.h"

namespace cs351::cli {
namespace {

nlohmann::json cost_cell(const usage::Tokens& t) {
  if (!t.unpriced.empty()) return nullptr;
  return t.cost;
}

void add_token_cells(nlohmann::json& row, const usage::Tokens& t) {
  row["api_calls"] = t.api_calls;
  row["input_tokens"] = t.input;
  row["output_tokens"] = t.output;
  row["cache_creation_tokens"] = t.cache_creation;
  row["cache_read_tokens"] = t.cache_read;
  row["cost_usd"] = cost_cell(t);
}

void add_sessions(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("sessions", "Tokens and cost per session (sub-agents in their parent)");
  auto f = std::make_shared<usage::Filter>();
  add_usage_filter(cmd, *f);
  cmd->footer("Example:\n  cs351 usage sessions --course CS351-S26 --student ada@example.edu");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd,
      {column::key("student"), column::key("session"), column::text("project"),
       column::text("models"), column::date("last_at"), column::number("input_tokens"),
       column::number("output_tokens"), column::number("cost_usd"),
       column::low(column::number("cache_creation_tokens")),
       column::low(column::number("cache_read_tokens")), column::low(column::number("api_calls")),
       column::low(column::date("first_at")), column::low(column::plain("agent"))});
  ctx.on_run(cmd, [&ctx, f] {
    use_default_course(ctx, *f);
    const auto prices = usage::PriceTable::load(ctx.config());
    Listing listing{{"student", "agent", "session", "project", "first_at", "last_at", "models",
                     "api_calls", "input_tokens", "output_tokens", "cache_creation_tokens",
                     "cache_read_tokens", "cost_usd"}};
    for (const auto& s : usage::sessions(ctx.store().db(), *f, prices)) {
      nlohmann::json row{{"student", s.student},    {"agent", s.agent},
                         {"session", s.session_id}, {"project", s.project},
                         {"first_at", s.first_at},  {"last_at", s.last_at},
                         {"models", s.models}};
      add_token_cells(row, s.tokens);
      listing.rows.push_back(std::move(row));
    }
    write_listing(ctx.out(), listing, ctx.output());
  });
}

const std::vector<std::string>& student_columns() {
  static const std::vector<std::string> columns{"student",
                                                "sessions",
                                                "active_hours",
                                                "api_calls",
                                                "input_tokens",
                                                "output_tokens",
                                                "cache_creation_tokens",
                                                "cache_read_tokens",
                                                "cache_hit_rate",
                                                "cost_usd",
                                                "prompts",
                                                "plans",
                                                "tool_calls",
                                                "top_tool"};
  return columns;
}

// On a narrow terminal the cache counts go first (they dwarf the rest and say least about
// the student), then the finer counts; the student, output tokens and cost stay.
ColumnRoles student_roles() {
  return {column::key("student"),
          column::number("sessions"),
          column::number("output_tokens"),
          column::number("cost_usd"),
          column::number("prompts"),
          column::text("top_tool"),
          column::low(column::number("cache_creation_tokens")),
          column::low(column::number("cache_read_tokens")),
          column::low(column::number("cache_hit_rate")),
          column::low(column::number("plans")),
          column::low(column::number("api_calls")),
          column::low(column::number("tool_calls")),
          column::low(column::number("active_hours")),
          column::low(column::number("input_tokens"))};
}

nlohmann::json student_row(const usage::StudentRow& s) {
  nlohmann::json row{{"student", s.student},
                     {"sessions", s.sessions},
                     {"active_hours", std::round(s.active_hours * 100) / 100}};
  add_token_cells(row, s.tokens);
  row["cache_hit_rate"] = std::round(s.cache_hit_rate * 1000) / 1000;
  row["prompts"] = s.prompts;
  row["plans"] = s.plans;
  row["tool_calls"] = s.tool_calls;
  row["top_tool"] = s.top_tool;
  return row;
}

// Class median and quartiles of every numeric column, as three closing rows.
void add_quartile_rows(nlohmann::json& rows) {
  const auto n = rows.size();
  for (const auto& [label, q] :
       {std::pair{"(class q1)", 0.25}, {"(class median)", 0.5}, {"(class q3)", 0.75}}) {
    nlohmann::json summary{{"student", label}};
    for (const auto& col : student_columns()) {
      std::vector<double> values;
      for (std::size_t i = 0; i < n; ++i)
        if (rows[i][col].is_number()) values.push_back(rows[i][col].get<double>());
      if (!values.empty()) summary[col] = std::round(usage::quantile(values, q) * 1000) / 1000;
    }
    rows.push_back(std::move(summary));
  }
}

void sort_rows(nlohmann::json& rows, const std::string& key) {
  if (std::find(student_columns().begin(), student_columns().end(), key) == student_columns().end())
    throw usage_error(fmt::format("--sort: unknown column '{}'", key));
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    if (a[key].is_number() && b[key].is_number())
      return a[key].template get<double>() > b[key].template get<double>();
    return cell_text(a[key]) < cell_text(b[key]);
  });
}

void add_students(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("students", "One row per student, with the class quartiles");
  auto f = std::make_shared<usage::Filter>();
  auto sort = std::make_shared<std::string>("student");
  add_usage_filter(cmd, *f);
  cmd->add_option("--sort", *sort, "column to sort by (numbers largest first)");
  cmd->footer("Example:\n  cs351 usage students --course CS351-S26 --sort cost_usd");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, student_roles());
  ctx.on_run(cmd, [&ctx, f, sort] {
    use_default_course(ctx, *f);
    const auto prices = usage::PriceTable::load(ctx.config());
    Listing listing{student_columns()};
    for (const auto& s : usage::students(ctx.store().db(), *f, prices))
      listing.rows.push_back(student_row(s));
    sort_rows(listing.rows, *sort == "cost" ? "cost_usd" : *sort);
    add_quartile_rows(listing.rows);
    write_listing(ctx.out(), listing, ctx.output());
  });
}

}  // namespace

void add_usage_listings_verbs(CLI::App& grp, Context& ctx) {
  add_sessions(grp, ctx);
  add_students(grp, ctx);
}

}  // namespace cs351::cli
