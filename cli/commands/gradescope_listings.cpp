#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/commands/gradescope_commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/analytics/assignments.h"
#include "cs351/core/json.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

template <typename T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

void add_course_link(CLI::App& course, Context& ctx) {
  auto* cmd =
      course.add_subcommand("link", "Link a course to its Gradescope course (the id in its URL)");
  auto code = std::make_shared<std::string>();
  auto id = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "course code")->required();
  cmd->add_option("GRADESCOPE_COURSE_ID", *id, "digits from https://www.gradescope.com/courses/ID")
      ->required();
  cmd->footer("Example:\n  cs351 gradescope courses\n  cs351 course link CS351-S26 1132878");
  ctx.on_run(cmd, [&ctx, code, id] {
    const auto change = gradescope::link_course(ctx.store().db(), *code, *id);
    ctx.info(fmt::format("{}: {}", *code,
                         change == store::Change::unchanged
                             ? "already linked to " + *id
                             : "linked to Gradescope course " + *id));
  });
}

void add_assignments_verbs(CLI::App& grp, Context& ctx) {
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

void add_gradescope_members(CLI::App& gradescope, Context& ctx) {
  auto* cmd = gradescope.add_subcommand(
      "members", "List Gradescope's roster of a course as last synced (with both ids)");
  auto code = std::make_shared<std::string>();
  add_course_option(cmd, *code);
  cmd->footer("Example:\n  cs351 gradescope members --course CS351-S26 --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("email"), column::key("name"), column::key("sid"),
                         column::text("sections"), column::low(column::key("membership_id")),
                         column::low(column::key("gradescope_user_id"))});
  ctx.on_run(cmd, [&ctx, code] {
    auto& db = ctx.store().db();
    const auto course = chosen_course(ctx, *code);
    Listing listing{
        {"email", "name", "sid", "role", "sections", "gradescope_user_id", "membership_id"}};
    for (const auto& m : gradescope::list_members(db, course.id)) {
      listing.rows.push_back({{"email", m.email},
                              {"name", m.name},
                              {"sid", m.sid},
                              {"role", m.role},
                              {"sections", parse_json(m.sections_json)},
                              {"gradescope_user_id", nullable(m.gradescope_user_id)},
                              {"membership_id", m.membership_id}});
    }
    write_listing(ctx.out(), listing, ctx.output());
  });
}

}  // namespace cs351::cli
