#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/autograde/audit.h"
#include "cs351/autograde/queue_backend.h"

namespace cs351::cli {
namespace {

struct AuditFlags {
  std::string course, assignment;
};

// The audit of `course` (one assignment, named any way --assignment accepts, or all).
autograde::AuditReport audit(Context& ctx, const roster::Course& course,
                             std::optional<std::string> assignment) {
  if (const auto found = assignment ? find_assignment(ctx, &course, *assignment) : std::nullopt)
    assignment = found->config_name ? *found->config_name : found->name();
  auto queue = autograde::open_queue(ctx.config(), ctx.store());
  return autograde::audit_scores(ctx.store().db(), *queue, ctx.config(), course.code, assignment);
}

void say_not_autograded(Context& ctx, const autograde::AuditReport& report) {
  for (const auto& title : report.not_autograded) {
    ctx.detail(
        fmt::format("not autograded here (no [autograde.assignments.*] matches): {}", title));
  }
}

}  // namespace

void add_audit_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("scores", "Gradescope's latest scores against the local autograde runs");
  auto o = std::make_shared<AuditFlags>();
  add_course_option(cmd, o->course);
  cmd->add_option("--assignment", o->assignment, k_assignment_help);
  cmd->footer(
      "Example:\n  cs351 gradescope sync && cs351 audit scores --course CS351-S26 --format "
      "table\n\n"
      "Lists every discrepancy (both scores, both times); exit 0 whether or not there are any.");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::plain("assignment"), column::number("gradescope_score"),
            column::number("local_score"), column::key("run_id"), column::text("problem"),
            column::low(column::date("local_finished_at")),
            column::low(column::date("gradescope_submitted_at"))});
  ctx.on_run(cmd, [&ctx, o, cmd] {
    const auto course = chosen_course(ctx, o->course);
    std::optional<std::string> assignment;
    if (cmd->count("--assignment")) assignment = o->assignment;
    const auto report = audit(ctx, course, assignment);
    Listing listing{{"email", "assignment", "gradescope_score", "gradescope_submitted_at",
                     "local_score", "local_finished_at", "run_id", "problem"}};
    for (const auto& d : report.discrepancies)
      listing.rows.push_back(autograde::discrepancy_json(d));
    write_timed_listing(ctx.out(), listing, ctx.output(),
                        {"gradescope_submitted_at", "local_finished_at"},
                        display_zone(ctx, &course));
    say_not_autograded(ctx, report);
    ctx.info(fmt::format("{}: compared {}, discrepancies {}", course.code, report.compared,
                         report.discrepancies.size()));
  });
}

void add_autograde_stale_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "stale", "Gradescope scores that differ from the runs here, and how to fix each");
  auto o = std::make_shared<AuditFlags>();
  add_course_option(cmd, o->course);
  cmd->add_option("--assignment", o->assignment, k_assignment_help)->required();
  cmd->footer(
      "Example:\n  cs351 gradescope sync && cs351 autograde stale --assignment hw1\n\n"
      "Run after `gradescope sync`. Lists each submission whose Gradescope score differs from "
      "the run that graded it here (a run that finished after Gradescope's container gave up, "
      "a regrade that changed the score, a result that never arrived), with the Gradescope "
      "submission id and what to do. The everyday face of `audit scores`; docs/autograde.md, "
      "Stale scores.");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::number("gradescope_score"), column::number("local_score"),
            column::key("run_id"), column::text("problem"), column::text("action"),
            column::low(column::key("gradescope_submission_id"))});
  ctx.on_run(cmd, [&ctx, o] {
    const auto course = chosen_course(ctx, o->course);
    const auto report = audit(ctx, course, o->assignment);
    Listing listing{{"email", "gradescope_submission_id", "gradescope_score", "local_score",
                     "run_id", "problem", "action"}};
    for (const auto& d : report.discrepancies)
      listing.rows.push_back(autograde::discrepancy_json(d));
    write_listing(ctx.out(), listing, ctx.output());
    say_not_autograded(ctx, report);
    ctx.info(fmt::format("{}: {} stale of {} Gradescope score(s) compared", o->assignment,
                         report.discrepancies.size(), report.compared));
  });
}

}  // namespace cs351::cli
