#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

struct CourseAddFlags {
  std::string code, name, term, timezone;
};

nlohmann::json course_json(const roster::Course& c) {
  return {{"code", c.code},     {"name", c.name},
          {"term", c.term},     {"timezone", c.timezone},
          {"active", c.active}, {"gradescope_course_id", c.gradescope_course_id.value_or("")}};
}

void add_toggle(CLI::App& grp, Context& ctx, const std::string& verb, bool active) {
  auto* cmd = grp.add_subcommand(
      verb, active ? "Mark a course active (students may log in)"
                   : "Mark a course inactive (its students' magic links stop working)");
  auto code = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "course code")->required();
  ctx.on_run(cmd, [&ctx, code, active, verb] {
    const bool changed = roster::set_course_active(ctx.store().db(), *code, active);
    ctx.info(fmt::format(
        "{}: {}", *code,
        changed ? verb + "d" : std::string("already ") + (active ? "active" : "inactive")));
  });
}

}  // namespace

void add_course_verbs(CLI::App& grp, Context& ctx) {
  auto* add = grp.add_subcommand("add", "Add a course, or update the fields given when it exists");
  auto o = std::make_shared<CourseAddFlags>();
  add->add_option("CODE", o->code, "course code, e.g. CS351-S26")->required();
  add->add_option("--name", o->name, "course name");
  add->add_option("--term", o->term, "term, e.g. \"Spring 2026\"");
  add->add_option("--timezone", o->timezone,
                  "tz database zone for course-local times (default UTC)");
  add->footer(
      "Example:\n  cs351 course add CS351-S26 --name \"Cloud Computing\" --term \"Spring 2026\" "
      "--timezone America/Indiana/Indianapolis");
  ctx.on_run(add, [&ctx, o, add] {
    roster::CourseFields f{.code = o->code};
    if (add->count("--name")) f.name = o->name;
    if (add->count("--term")) f.term = o->term;
    if (add->count("--timezone")) f.timezone = o->timezone;
    ctx.info(fmt::format("{}: {}", o->code,
                         store::change_name(roster::add_course(ctx.store().db(), f))));
  });

  auto* list = grp.add_subcommand("list", "List courses");
  ctx.on_run(list, [&ctx] {
    Listing listing{{"code", "name", "term", "timezone", "active", "gradescope_course_id"}};
    for (const auto& c : roster::list_courses(ctx.store().db()))
      listing.rows.push_back(course_json(c));
    write_listing(std::cout, listing, ctx.output());
  });

  add_toggle(grp, ctx, "activate", true);
  add_toggle(grp, ctx, "deactivate", false);
}

}  // namespace cs351::cli
