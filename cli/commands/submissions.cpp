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
namespace {

// The flag's text when given, checked as a time in the course's zone (the library stores it).
std::optional<std::string> time_flag(const CLI::App& cmd, const char* flag, const std::string& text,
                                     const std::string& timezone) {
  if (!cmd.count(flag)) return std::nullopt;
  if (!parse_time(trim(text), timezone)) {
    throw usage_error(fmt::format(
        "{}: cannot read '{}' as a time (e.g. 2026-02-10T23:59, course-local)", flag, text));
  }
  return text;
}

struct AssignmentAddFlags {
  std::string course, name, release, due, late_due;
  double max_points = 0;
};

}  // namespace

void add_assignments_add(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "add", "Describe an assignment that is not on Gradescope (or update the fields given)");
  auto o = std::make_shared<AssignmentAddFlags>();
  cmd->add_option("NAME", o->name, "assignment name, unique within the course")->required();
  add_course_option(cmd, o->course);
  cmd->add_option("--release", o->release,
                  "release time (ISO-8601; course-local without an offset)")
      ->type_name("TIME")
      ->check(time_point());
  cmd->add_option("--due", o->due, "due time (ISO-8601; course-local without an offset)")
      ->type_name("TIME")
      ->check(time_point());
  cmd->add_option("--late-due", o->late_due, "late due time")
      ->type_name("TIME")
      ->check(time_point());
  cmd->add_option("--max-points", o->max_points, "points for a full score")->check(above_zero());
  cmd->footer(
      "Example:\n  cs351 assignments add hw1 --course CS351-S26 --release 2026-02-02T09:00 --due "
      "2026-02-10T23:59 "
      "--max-points 100");
  ctx.on_run(cmd, [&ctx, o, cmd] {
    auto& db = ctx.store().db();
    const auto course = chosen_course(ctx, o->course);
    analytics::AssignmentFields f{.name = o->name};
    f.release = time_flag(*cmd, "--release", o->release, course.timezone);
    f.due = time_flag(*cmd, "--due", o->due, course.timezone);
    f.late_due = time_flag(*cmd, "--late-due", o->late_due, course.timezone);
    if (cmd->count("--max-points")) f.max_points = o->max_points;
    ctx.info(fmt::format("{}/{}: {}", course.code, o->name,
                         store::change_name(analytics::add_assignment(db, course, f))));
  });
}

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
