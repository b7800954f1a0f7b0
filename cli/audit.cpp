#include <fmt/format.h>

#include <iostream>

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

nlohmann::json optional_json(const auto& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json discrepancy_json(const autograde::Discrepancy& d) {
  return {{"email", d.email},
          {"assignment", d.assignment},
          {"gradescope_score", optional_json(d.gradescope_score)},
          {"gradescope_submission_id", d.gradescope_submission_id},
          {"gradescope_submitted_at", d.gradescope_submitted_at},
          {"run_id", optional_json(d.run_id)},
          {"local_score", optional_json(d.local_score)},
          {"local_status", d.local_status},
          {"local_finished_at", d.local_finished_at},
          {"problem", d.problem}};
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
  ctx.on_run(cmd, [&ctx, o, cmd] {
    const auto course = chosen_course(ctx, o->course);
    o->course = course.code;
    std::optional<std::string> assignment;
    if (cmd->count("--assignment")) assignment = o->assignment;
    if (const auto found = assignment ? find_assignment(ctx, &course, *assignment) : std::nullopt)
      assignment = found->config_name ? *found->config_name : found->name();
    auto queue = autograde::open_queue(ctx.config(), ctx.store());
    const auto report =
        autograde::audit_scores(ctx.store().db(), *queue, ctx.config(), o->course, assignment);
    Listing listing{{"email", "assignment", "gradescope_score", "gradescope_submitted_at",
                     "local_score", "local_finished_at", "run_id", "problem"}};
    for (const auto& d : report.discrepancies) listing.rows.push_back(discrepancy_json(d));
    write_timed_listing(listing, ctx.output(), {"gradescope_submitted_at", "local_finished_at"},
                        display_zone(ctx, &course));
    for (const auto& title : report.not_autograded) {
      ctx.detail(
          fmt::format("not autograded here (no [autograde.assignments.*] matches): {}", title));
    }
    ctx.info(fmt::format("{}: compared {}, discrepancies {}", o->course, report.compared,
                         report.discrepancies.size()));
  });
}

}  // namespace cs351::cli
