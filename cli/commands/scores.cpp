// `cs351 scores`: the scores synced from Gradescope.

#include <ostream>

#include "cli/commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"

namespace cs351::cli {

void add_scores_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("list", "List scores of a course, or of one assignment");
  auto code = std::make_shared<std::string>();
  auto title = std::make_shared<std::string>();
  add_course_option(cmd, *code);
  cmd->add_option("--assignment", *title, k_assignment_help);
  cmd->footer(
      "Example:\n  cs351 scores list --course CS351-S26 --assignment \"HW1: MapReduce\" --format "
      "csv > hw1.csv");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::plain("assignment"), column::number("score"),
            column::date("submitted_at"), column::low(column::number("max_points")),
            column::low(column::key("submission_id")), column::low(column::number("lateness_s"))});
  ctx.on_run(cmd, [&ctx, code, title, cmd] {
    auto& db = ctx.store().db();
    const auto course = chosen_course(ctx, *code);
    std::optional<std::string> only;
    if (cmd->count("--assignment")) {
      const auto found = find_assignment(ctx, &course, *title);
      only = found && found->gradescope_title ? *found->gradescope_title : *title;
    }
    Listing listing{{"assignment", "email", "score", "max_points", "status", "submission_id",
                     "submitted_at", "lateness_s"}};
    for (const auto& s : gradescope::list_scores(db, course.id, only)) {
      listing.rows.push_back({{"assignment", s.assignment},
                              {"assignment_id", s.assignment_id},
                              {"email", s.email},
                              {"score", nullable(s.score)},
                              {"max_points", nullable(s.max_points)},
                              {"status", s.status},
                              {"submission_id", nullable(s.submission_id)},
                              {"submitted_at", nullable(s.submitted_at)},
                              {"lateness_s", nullable(s.lateness_s)},
                              {"submission_count", nullable(s.submission_count)}});
    }
    write_timed_listing(ctx.out(), listing, ctx.output(), {"submitted_at"},
                        display_zone(ctx, &course));
  });
}

}  // namespace cs351::cli
