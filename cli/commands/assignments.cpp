// `cs351 assignments`: the assignments synced from Gradescope and those added by hand.

#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/option_checks.h"
#include "cli/output.h"
#include "cs351/analytics/assignments.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/queries.h"
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

void add_add(CLI::App& grp, Context& ctx) {
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

void add_list(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "list", "List the assignments synced from Gradescope and those added by hand");
  auto code = std::make_shared<std::string>();
  add_course_option(cmd, *code);
  cmd->footer(
      "Tables show times in the course's time zone with the offset (--utc: UTC); CSV and "
      "JSON keep ISO-8601 UTC.\n\nExample:\n  cs351 assignments list --course CS351-S26 "
      "--format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("title"), column::key("gradescope_id"), column::date("due_at"),
            column::low(column::plain("published")), column::low(column::plain("source")),
            column::low(column::date("late_due_at")), column::low(column::date("release_at")),
            column::low(column::number("total_points"))});
  ctx.on_run(cmd, [&ctx, code] {
    auto& db = ctx.store().db();
    const auto course = chosen_course(ctx, *code);
    Listing listing{{"source", "gradescope_id", "title", "total_points", "release_at", "due_at",
                     "late_due_at", "published"}};
    for (const auto& a : gradescope::list_assignments(db, course.id)) {
      listing.rows.push_back({{"source", "gradescope"},
                              {"gradescope_id", a.gradescope_id},
                              {"title", a.title},
                              {"total_points", nullable(a.total_points)},
                              {"release_at", nullable(a.release_at)},
                              {"due_at", nullable(a.due_at)},
                              {"late_due_at", nullable(a.late_due_at)},
                              {"published", a.published}});
    }
    for (const auto& a : analytics::list_own_assignments(db, course.id)) {
      listing.rows.push_back({{"source", "local"},
                              {"gradescope_id", nullptr},
                              {"title", a.name},
                              {"total_points", nullable(a.max_points)},
                              {"release_at", nullable(a.release_at)},
                              {"due_at", nullable(a.due_at)},
                              {"late_due_at", nullable(a.late_due_at)},
                              {"published", nullptr}});
    }
    write_timed_listing(ctx.out(), listing, ctx.output(), {"release_at", "due_at", "late_due_at"},
                        display_zone(ctx, &course));
  });
}

}  // namespace

void add_assignments_verbs(CLI::App& grp, Context& ctx) {
  add_list(grp, ctx);
  add_add(grp, ctx);
}

}  // namespace cs351::cli
