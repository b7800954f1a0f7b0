// `autograde regrade`: grade students' latest submissions again with the current
// grader, and (--report) whose score that changed.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <ostream>

#include "cli/commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/autograde/queue_backend.h"
#include "cs351/autograde/regrade.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

struct RegradeFlags {
  std::string course, assignment, since;
  std::vector<std::string> students;
  bool dry_run = false, report = false, all = false;
};

nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json row_json(const ag::RegradeRow& row) {
  return {{"students", fmt::format("{}", fmt::join(row.students, " "))},
          {"old_run", row.old_run},
          {"old_score", optional_json(row.old_score)},
          {"new_run", row.new_run},
          {"new_score", optional_json(row.new_score)},
          {"change", optional_json(row.change)},
          {"state", row.state},
          {"error", row.error}};
}

void print_report(Context& ctx, ag::Queue& queue, std::int64_t course_id,
                  const std::string& assignment, bool all) {
  const auto rows = ag::regrade_report(queue, course_id, assignment);
  Listing listing{
      {"students", "old_run", "old_score", "new_run", "new_score", "change", "state", "error"}};
  std::map<std::string, int> counts;
  for (const auto& row : rows) {
    ++counts[row.state];
    if (all || row.state != "unchanged") listing.rows.push_back(row_json(row));
  }
  write_listing(ctx.out(), listing, ctx.output());
  ctx.info(fmt::format("{}: regraded {}: changed {}, unchanged {}, pending {}, failed {}",
                       assignment, rows.size(), counts["changed"], counts["unchanged"],
                       counts["pending"], counts["failed"]));
}

void print_plan(Context& ctx, const ag::RegradePlan& plan, const std::string& assignment,
                bool dry_run) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& run : plan.started) runs.push_back(run.id);
  nlohmann::json out{{"assignment", assignment},
                     {dry_run ? "would_regrade" : "regraded", plan.to_regrade.size()},
                     {"already_pending", plan.already_pending.size()},
                     {"not_graded_yet", plan.still_live.size()}};
  if (!dry_run) out["runs"] = runs;
  write_object(ctx.out(), out, ctx.output());
  ctx.info(fmt::format("{}{}: {} {} run(s); skipped {} with a regrade pending, {} not graded yet",
                       dry_run ? "dry run: " : "", assignment,
                       dry_run ? "would regrade" : "queued regrades of", plan.to_regrade.size(),
                       plan.already_pending.size(), plan.still_live.size()));
}

}  // namespace

void add_autograde_regrade_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "regrade", "Grade students' latest submissions again with the current grader");
  auto o = std::make_shared<RegradeFlags>();
  add_course_option(cmd, o->course);
  cmd->add_option("--assignment", o->assignment, k_assignment_help)->required();
  cmd->add_option("--student", o->students, "only this student's submission (repeat)");
  cmd->add_option("--since", o->since, "only submissions made at or after this time (ISO-8601)");
  cmd->add_flag("--dry-run", o->dry_run, "say how many runs would be made; queue nothing");
  cmd->add_flag("--report", o->report,
                "per student: old score, new score, change (biggest first); pending and failed "
                "regrades");
  cmd->add_flag("--all", o->all, "with --report: list unchanged scores too");
  cmd->footer(
      "Examples:\n  cs351 autograde regrade --assignment hw1 --dry-run\n  cs351 autograde "
      "regrade --assignment hw1\n  cs351 autograde regrade --assignment hw1 --report\n\n"
      "Each regrade is a new run of the same submitted files, marked regrade_of the run it "
      "replaces; that run is never changed. Workers claim live submissions before regrade "
      "runs, so a regrade never delays a student's new submission. See docs/autograde.md, "
      "autograde regrade.");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd,
                   {column::key("students"), column::key("new_run"), column::number("old_score"),
                    column::number("new_score"), column::number("change"), column::text("error"),
                    column::low(column::key("old_run"))});
  ctx.on_run(cmd, [&ctx, o, cmd] {
    const auto course = chosen_course(ctx, o->course);
    const auto found = find_assignment(ctx, &course, o->assignment);
    const std::string assignment =
        found && found->config_name ? *found->config_name : o->assignment;
    if (o->all && !o->report) throw usage_error("--all goes with --report");
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    if (o->report) {
      print_report(ctx, *queue, course.id, assignment, o->all);
      return;
    }
    ag::RegradeSelection selection{course.id, assignment, o->students, {}};
    if (cmd->count("--since")) selection.since = typed_time("--since", o->since, course.timezone);
    const auto plan = ag::regrade(*queue, ctx.config(), selection, o->dry_run, system_clock());
    print_plan(ctx, plan, assignment, o->dry_run);
  });
}

}  // namespace cs351::cli
