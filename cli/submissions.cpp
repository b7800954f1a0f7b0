#include <fmt/format.h>

#include "cli/commands.h"
#include "cs351/analytics/assignments.h"
#include "cs351/analytics/submissions_import.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

struct AssignmentAddOptions {
  std::string course, name, release, due, late_due;
  double max_points = 0;
};

void add_assignments_add(CLI::App& app, Context& ctx) {
  auto* grp = group(app, "assignments", "Assignments of a course");
  auto* cmd = grp->add_subcommand(
      "add", "Describe an assignment that is not on Gradescope (or update the fields given)");
  auto o = std::make_shared<AssignmentAddOptions>();
  cmd->add_option("NAME", o->name, "assignment name, unique within the course")->required();
  cmd->add_option("--course", o->course, "course code")->required();
  cmd->add_option("--release", o->release,
                  "release time (ISO-8601; course-local without an offset)");
  cmd->add_option("--due", o->due, "due time (ISO-8601; course-local without an offset)");
  cmd->add_option("--late-due", o->late_due, "late due time");
  cmd->add_option("--max-points", o->max_points, "points for a full score");
  cmd->footer(
      "Example:\n  cs351 assignments add hw1 --course CS351-S26 --release 2026-02-02T09:00 --due "
      "2026-02-10T23:59 "
      "--max-points 100");
  ctx.on_run(cmd, [&ctx, o, cmd] {
    auto& db = ctx.store().db();
    const auto course = roster::require_course(db, o->course);
    analytics::AssignmentFields f{o->name, {}, {}, {}, {}};
    if (cmd->count("--release")) f.release = o->release;
    if (cmd->count("--due")) f.due = o->due;
    if (cmd->count("--late-due")) f.late_due = o->late_due;
    if (cmd->count("--max-points")) f.max_points = o->max_points;
    ctx.info(fmt::format("{}/{}: {}", course.code, o->name,
                         analytics::outcome_name(analytics::add_assignment(db, course, f))));
  });
}

void add_submissions_import(CLI::App& app, Context& ctx) {
  auto* grp = group(app, "submissions", "Submission histories from any autograder");
  auto* cmd = grp->add_subcommand(
      "import", "Import a submission history CSV: email, submitted_at, score[, max_score]");
  auto o = std::make_shared<analytics::SubmissionsImport>();
  cmd->add_option("FILE", o->path, "CSV file, or - for stdin")->required();
  cmd->add_option("--course", o->course, "course code")->required();
  cmd->add_option("--assignment", o->assignment, "assignment name (from `cs351 assignments add`)")
      ->required();
  cmd->add_flag("--dry-run", o->dry_run, "validate and count, write nothing");
  cmd->footer(
      "Example:\n  cs351 submissions import hw1-history.csv --course CS351-S26 --assignment hw1\n\n"
      "Times without an offset are course-local. Re-importing a file changes nothing.");
  ctx.on_run(cmd, [&ctx, o] {
    const auto s = analytics::import_submissions(ctx.store().db(), *o);
    ctx.info(fmt::format("{}{} inserted, {} updated, {} unchanged", o->dry_run ? "dry run: " : "",
                         s.inserted, s.updated, s.unchanged));
    if (s.people_unknown > 0) {
      ctx.warn(fmt::format("{} email{} not on the {} roster (left out of reports until enrolled)",
                           s.people_unknown, s.people_unknown == 1 ? " is" : "s are", o->course));
    }
  });
}

}  // namespace

void register_submissions(CLI::App& app, Context& ctx) {
  add_assignments_add(app, ctx);
  add_submissions_import(app, ctx);
}

}  // namespace cs351::cli
