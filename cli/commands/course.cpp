#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/core/config_edit.h"
#include "cs351/core/error.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

struct CourseFlags {
  std::string code, name, term, timezone;
};

struct RemoveFlags {
  std::string code;
  bool force = false, dry_run = false, yes = false;
};

nlohmann::json course_json(const roster::Course& c) {
  return {{"code", c.code},     {"name", c.name},
          {"term", c.term},     {"timezone", c.timezone},
          {"active", c.active}, {"gradescope_course_id", c.gradescope_course_id.value_or("")}};
}

// --name, --term, --timezone: shared by add and edit.
void add_field_options(CLI::App* cmd, CourseFlags& o) {
  cmd->add_option("--name", o.name, "course name");
  cmd->add_option("--term", o.term, "term, e.g. \"Spring 2026\"");
  cmd->add_option("--timezone", o.timezone,
                  "tz database zone for course-local times (default UTC)");
}

roster::CourseFields fields_given(const CLI::App& cmd, const CourseFlags& o) {
  roster::CourseFields f{.code = o.code};
  if (cmd.count("--name")) f.name = o.name;
  if (cmd.count("--term")) f.term = o.term;
  if (cmd.count("--timezone")) f.timezone = o.timezone;
  return f;
}

void add_toggle(CLI::App& grp, Context& ctx, const std::string& verb, bool active) {
  auto* cmd = grp.add_subcommand(
      verb, active ? "Mark a course active (students may log in)"
                   : "Mark a course inactive (its students' magic links stop working)");
  auto code = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "course code")->required();
  ctx.on_run(cmd, [&ctx, code, active, verb] {
    const auto course = roster::resolve_course(ctx.store().db(), *code);
    const bool changed = roster::set_course_active(ctx.store().db(), course.code, active);
    ctx.info(fmt::format(
        "{}: {}", course.code,
        changed ? verb + "d" : std::string("already ") + (active ? "active" : "inactive")));
  });
}

// The `course edit` flags that would set the fields given.
std::string edit_flags(const roster::CourseFields& f) {
  std::string out;
  if (f.name) out += fmt::format(" --name \"{}\"", *f.name);
  if (f.term) out += fmt::format(" --term \"{}\"", *f.term);
  if (f.timezone) out += " --timezone " + *f.timezone;
  return out;
}

void add_add_and_edit(CLI::App& grp, Context& ctx) {
  auto* add = grp.add_subcommand(
      "add", "Add a course (an existing code is refused unless nothing would change)");
  auto o = std::make_shared<CourseFlags>();
  add->add_option("CODE", o->code, "course code, e.g. CS351-S26")->required();
  add_field_options(add, *o);
  add->footer(
      "Example:\n  cs351 course add CS351-S26 --name \"Cloud Computing\" --term \"Spring 2026\" "
      "--timezone America/Indiana/Indianapolis\n\nTo change an existing course: cs351 course "
      "edit.");
  ctx.creates_store(add);  // a course is the first thing a new store holds
  ctx.on_run(add, [&ctx, o, add] {
    const auto fields = fields_given(*add, *o);
    try {
      ctx.info(fmt::format("{}: {}", o->code,
                           store::change_name(roster::add_course(ctx.store().db(), fields))));
    } catch (const roster::CourseDiffers& e) {
      throw usage_error(fmt::format("{}. To change it: cs351 course edit {}{}", e.what(),
                                    e.course_code, edit_flags(fields)));
    }
  });

  auto* edit = grp.add_subcommand("edit", "Change a course's name, term or time zone");
  auto e = std::make_shared<CourseFlags>();
  edit->add_option("CODE", e->code, "course code")->required();
  add_field_options(edit, *e);
  edit->footer("Example:\n  cs351 course edit CS351-S26 --timezone America/Chicago");
  ctx.on_run(edit, [&ctx, e, edit] {
    const auto f = fields_given(*edit, *e);
    if (!f.name && !f.term && !f.timezone)
      throw usage_error("nothing to change: give --name, --term or --timezone");
    ctx.info(fmt::format("{}: {}", e->code,
                         store::change_name(roster::edit_course(ctx.store().db(), f))));
  });
}

std::string data_summary(const std::vector<store::TableRows>& data) {
  std::string out;
  for (const auto& t : data) out += fmt::format("\n  {:<26} {}", t.table, t.rows);
  return out;
}

void add_remove(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "remove", "Remove a course and all its data (refused when it has data, unless --force)");
  auto o = std::make_shared<RemoveFlags>();
  cmd->add_option("CODE", o->code, "course code")->required();
  cmd->add_flag("--force", o->force, "remove even though the course has data");
  cmd->add_flag("--dry-run", o->dry_run, "show what would be removed, remove nothing");
  cmd->add_flag("-y,--yes", o->yes, "do not ask");
  cmd->footer(
      "People stay in the store (they may be in other courses); the events log keeps the "
      "removal.\n\nExamples:\n  cs351 course remove CS351-S26 --dry-run\n"
      "  cs351 course remove CS351-S26 --force --yes");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("table"), column::number("rows")});
  ctx.on_run(cmd, [&ctx, o] {
    auto& db = ctx.store().db();
    const auto course = roster::resolve_course(db, o->code);
    const auto data = roster::course_data(db, course);
    std::int64_t rows = 0;
    for (const auto& t : data) rows += t.rows;
    Listing listing{{"table", "rows"}};
    for (const auto& t : data) listing.rows.push_back({{"table", t.table}, {"rows", t.rows}});
    if (o->dry_run) {
      write_listing(ctx.out(), listing, ctx.output());
      ctx.info(
          change_summary(fmt::format("removed {}, deleted {} row(s)", course.code, rows), true));
      return;
    }
    if (rows > 0 && !o->force) {
      throw usage_error(
          fmt::format("{} has data that removing it would delete:{}\nnothing removed; to remove it "
                      "anyway: cs351 course remove {} --force",
                      course.code, data_summary(data), course.code));
    }
    ctx.confirm(fmt::format("Remove course {} and {} row(s) of its data?", course.code, rows),
                o->yes);
    roster::remove_course(db, course);
    ctx.info(
        change_summary(fmt::format("removed {}, deleted {} row(s)", course.code, rows), false));
  });
}

void add_unlink(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("unlink",
                                 "Detach a course from its Gradescope course (synced data stays)");
  auto code = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "course code")->required();
  cmd->footer(
      "`gradescope sync` skips the course afterwards; its synced assignments, members and "
      "scores stay until `course remove`.\n\nExample:\n  cs351 course unlink CS351-S26");
  ctx.on_run(cmd, [&ctx, code] {
    const auto was = gradescope::unlink_course(ctx.store().db(), *code);
    ctx.info(was ? fmt::format("{}: unlinked from Gradescope course {}", *code, *was)
                 : fmt::format("{}: not linked", *code));
  });
}

void add_use(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "use", "Make a course the default for commands run without --course (writes the config)");
  auto code = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "course code")->required();
  cmd->footer(
      "Sets course.default in the config file. Which course applies: --course, else env "
      "CS351_COURSE, else course.default.\n\nExample:\n  cs351 course use CS351-S26");
  ctx.on_run(cmd, [&ctx, code] {
    const auto course = roster::resolve_course(ctx.store().db(), *code);
    const auto file = ctx.config().file();
    set_config_string(file, "course.default", course.code);
    ctx.info(fmt::format("default course: {} (course.default in {})", course.code, file.string()));
    if (const char* env = std::getenv("CS351_COURSE"); env != nullptr && *env != '\0')
      ctx.warn(fmt::format("env CS351_COURSE={} still wins over it in this shell", env));
  });
}

void add_link(CLI::App& course, Context& ctx) {
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

}  // namespace

void add_course_verbs(CLI::App& grp, Context& ctx) {
  add_add_and_edit(grp, ctx);

  auto* list = grp.add_subcommand("list", "List courses");
  ctx.formats(list, {{"table", "csv", "json"}});
  ctx.column_roles(list, {column::key("code"), column::text("name"),
                          column::low(column::key("gradescope_course_id"))});
  ctx.on_run(list, [&ctx] {
    Listing listing{{"code", "name", "term", "timezone", "active", "gradescope_course_id"}};
    for (const auto& c : roster::list_courses(ctx.store().db()))
      listing.rows.push_back(course_json(c));
    write_listing(ctx.out(), listing, ctx.output());
  });

  add_toggle(grp, ctx, "activate", true);
  add_toggle(grp, ctx, "deactivate", false);
  add_remove(grp, ctx);
  add_unlink(grp, ctx);
  add_use(grp, ctx);
  add_link(grp, ctx);
}

}  // namespace cs351::cli
