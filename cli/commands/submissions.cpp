#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/option_checks.h"
#include "cs351/analytics/assignments.h"
#include "cs351/analytics/submissions_import.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
void add_submissions_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "import", "Import a submission history CSV: email, submitted_at, score[, max_score]");
  auto o = std::make_shared<analytics::SubmissionsImport>();
  cmd->add_option("FILE", o->path, "CSV file, or - for stdin")->required();
  add_course_option(cmd, o->course);
  cmd->add_option("--assignment", o->assignment, k_assignment_help)->required();
  cmd->add_flag("--dry-run", o->dry_run, "validate and count, write nothing");
  cmd->footer(
      "Example:\n  cs351 submissions import hw1-history.csv --course CS351-S26 --assignment hw1\n\n"
      "Times without an offset are course-local. Re-importing a file changes nothing.");
  ctx.on_run(cmd, [&ctx, o] {
    const auto course = chosen_course(ctx, o->course);
    o->course = course.code;
    if (auto a = find_assignment(ctx, &course, o->assignment)) o->assignment = a->name();
    const auto s = analytics::import_submissions(ctx.store().db(), *o);
    ctx.info(change_summary(
        fmt::format("inserted {}, updated {}, unchanged {}", s.inserted, s.updated, s.unchanged),
        o->dry_run));
    if (s.people_unknown > 0) {
      ctx.warn(fmt::format("{} email{} not on the {} roster (left out of reports until enrolled)",
                           s.people_unknown, s.people_unknown == 1 ? " is" : "s are", o->course));
    }
  });
}

}  // namespace cs351::cli
