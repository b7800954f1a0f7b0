#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <ostream>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"
#include "cs351/roster/roster_import.h"

namespace cs351::cli {
namespace {

const std::vector<std::string> k_roles{"student", "ta", "instructor", "reader"};

struct ImportFlags {
  std::string file, course, role = "student", email_domain;
  bool dry_run = false, sync = false;
};

struct ListFlags {
  std::string course, role;
  bool include_dropped = false;
};

nlohmann::json member_json(const roster::Member& m) {
  return {{"email", m.email},         {"name", m.name},    {"first_name", m.first_name},
          {"last_name", m.last_name}, {"sid", m.sid},      {"role", m.role},
          {"sections", m.sections},   {"status", m.status}};
}

// Gradescope user ids from the last sync, by email (the roster itself does not know them).
std::map<std::string, std::string> gradescope_user_ids(SQLite::Database& db,
                                                       std::int64_t course_id) {
  std::map<std::string, std::string> ids;
  for (const auto& m : gradescope::list_members(db, course_id)) {
    if (m.gradescope_user_id) ids[m.email] = *m.gradescope_user_id;
  }
  return ids;
}

Listing members_listing(Context& ctx, const ListFlags& f) {
  auto& db = ctx.store().db();
  const auto course = chosen_course(ctx, f.course);
  Listing listing{{"email", "name", "first_name", "last_name", "sid", "role", "sections", "status",
                   "gradescope_user_id"}};
  const auto role = f.role.empty() ? std::nullopt : std::optional<std::string>(f.role);
  const auto gs_ids = gradescope_user_ids(db, course.id);
  for (const auto& m : roster::list_members(db, course.id, role, f.include_dropped)) {
    auto row = member_json(m);
    auto id = gs_ids.find(m.email);
    row["gradescope_user_id"] = id == gs_ids.end() ? nlohmann::json() : nlohmann::json(id->second);
    listing.rows.push_back(std::move(row));
  }
  return listing;
}

// A narrow terminal keeps who it is and drops the name's parts and Gradescope's id first.
ColumnRoles member_roles() {
  return {column::key("email"),
          column::key("name"),
          column::key("sid"),
          column::text("sections"),
          column::low(column::plain("first_name")),
          column::low(column::plain("last_name")),
          column::low(column::key("gradescope_user_id"))};
}

// Gradescope's roster upload: First Name,Last Name,Email,SID,Sections (enrolled only).
Listing gradescope_listing(const Listing& all) {
  Listing out{{"First Name", "Last Name", "Email", "SID", "Sections"}};
  for (const auto& r : all.rows) {
    if (r["status"] != "enrolled") continue;
    out.rows.push_back({{"First Name", r["first_name"]},
                        {"Last Name", r["last_name"]},
                        {"Email", r["email"]},
                        {"SID", r["sid"]},
                        {"Sections", r["sections"]}});
  }
  return out;
}

Listing changes_listing(const roster::ImportSummary& s) {
  Listing listing{{"action", "email", "role", "details"}};
  for (const auto& c : s.changes) {
    listing.rows.push_back(
        {{"action", c.action}, {"email", c.email}, {"role", c.role}, {"details", c.details}});
  }
  return listing;
}

std::string summary_line(const roster::ImportSummary& s) {
  auto line = fmt::format("inserted {}, updated {}, unchanged {}, removed {}", s.inserted,
                          s.updated, s.unchanged, s.removed);
  if (s.inserted + s.updated + s.removed == 0) line += " (nothing changed)";
  return line;
}

void add_import(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "import", "Import a class list (CSV or our JSON export); re-running is safe");
  auto o = std::make_shared<ImportFlags>();
  cmd->add_option("FILE", o->file, "CSV or JSON file, or - for stdin")->required();
  add_course_option(cmd, o->course);
  cmd->add_option("--role", o->role, "role for rows without a Role column")
      ->check(CLI::IsMember(k_roles));
  cmd->add_flag("--dry-run", o->dry_run, "print what would change, write nothing");
  cmd->add_flag("--sync", o->sync,
                "the file is the complete list for its roles: mark missing people dropped");
  cmd->add_option("--email-domain", o->email_domain,
                  "Canvas exports: LOGIN@DOMAIN for a SIS Login ID that is not an address");
  cmd->footer(R"(Examples:
  cs351 roster import gradescope_roster.csv --course CS351-S26
  cs351 roster import canvas_gradebook.csv --course CS351-S26 --email-domain umb.edu
  cs351 roster import registrar.csv --course CS351-S26 --sync --dry-run
  cs351 roster import tas.csv --course CS351-S26 --role ta

Headers are matched case-insensitively (Email / E-mail / Email Address, First Name / Given Name,
Name / Full Name, SID / Student ID, Role, Sections, Status). A Canvas gradebook export
(Student,ID,SIS User ID,SIS Login ID,...) is recognised by its header. See docs/roster.md.)");
  ctx.formats(cmd, {{"table", "csv", "json"}, "table"});
  ctx.column_roles(cmd, {column::plain("action"), column::key("email"), column::plain("role"),
                         column::text("details")});
  ctx.on_run(cmd, [&ctx, o] {
    const auto output = ctx.output();
    o->course = chosen_course(ctx, o->course).code;
    const roster::ImportOptions options{.default_role = o->role,
                                        .sync = o->sync,
                                        .source = o->file == "-" ? "<stdin>" : o->file,
                                        .list_changes = o->dry_run,
                                        .dry_run = o->dry_run,
                                        .read = {o->email_domain, "pass --email-domain DOMAIN"}};
    const auto bytes = read_input(o->file);
    const auto sum = roster::import_roster(ctx.store().db(), o->course, bytes, options);
    if (output.format == "json") {
      nlohmann::json out{{"inserted", sum.inserted},   {"updated", sum.updated},
                         {"unchanged", sum.unchanged}, {"removed", sum.removed},
                         {"skipped", sum.skipped},     {"dry_run", o->dry_run}};
      if (o->dry_run) out["changes"] = changes_listing(sum).rows;
      write_object(ctx.out(), out, output);
    } else if (o->dry_run) {
      write_listing(ctx.out(), changes_listing(sum), output);
    }
    if (!sum.skipped.empty()) {
      ctx.info(fmt::format("skipped {} row{} ({})", sum.skipped.size(),
                           sum.skipped.size() == 1 ? "" : "s", fmt::join(sum.skipped, ", ")));
    }
    ctx.info(change_summary(summary_line(sum), o->dry_run));
  });
}

void add_list_and_export(CLI::App& grp, Context& ctx) {
  auto* list =
      grp.add_subcommand("list", "List a course's members (enrolled; --include-dropped for all)");
  auto o = std::make_shared<ListFlags>();
  add_course_option(list, o->course);
  list->add_option("--role", o->role, "only this role")->check(CLI::IsMember(k_roles));
  list->add_flag("--include-dropped", o->include_dropped, "also list dropped people");
  list->footer("Example:\n  cs351 roster list --course CS351-S26 --role ta --format json");
  ctx.formats(list, {{"table", "csv", "json"}});
  ctx.column_roles(list, member_roles());
  ctx.on_run(list, [&ctx, o] { write_listing(ctx.out(), members_listing(ctx, *o), ctx.output()); });

  auto* exp = grp.add_subcommand(
      "export", "Export a roster: csv/json (re-importable) or gradescope (upload CSV)");
  auto ef = std::make_shared<ListFlags>();
  add_course_option(exp, ef->course);
  exp->footer(
      "Examples:\n  cs351 roster export --course CS351-S26 > roster.csv\n"
      "  cs351 roster export --course CS351-S26 --format gradescope > upload.csv");
  ctx.formats(exp, {{"csv", "json", "gradescope", "table"}, "csv", "csv"});
  ctx.column_roles(exp, member_roles());
  ctx.on_run(exp, [&ctx, ef] {
    ef->include_dropped = true;
    auto options = ctx.output();
    const auto all = members_listing(ctx, *ef);
    if (options.format != "gradescope") return write_listing(ctx.out(), all, options);
    options.format = "csv";
    write_listing(ctx.out(), gradescope_listing(all), options);
  });
}

void add_remove(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("remove", "Remove people from a course (asks first; --yes to skip)");
  auto course = std::make_shared<std::string>();
  auto emails = std::make_shared<std::vector<std::string>>();
  auto yes = std::make_shared<bool>(false);
  add_course_option(cmd, *course);
  cmd->add_option("EMAIL", *emails, "emails to remove")->required();
  cmd->add_flag("-y,--yes", *yes, "do not ask");
  cmd->footer("Example:\n  cs351 roster remove --course CS351-S26 ada@example.edu --yes");
  ctx.on_run(cmd, [&ctx, course, emails, yes] {
    *course = chosen_course(ctx, *course).code;
    ctx.confirm(fmt::format("Remove {} person(s) from {}?", emails->size(), *course), *yes);
    const auto removed = roster::remove_members(ctx.store().db(), *course, *emails);
    for (const auto& e : *emails) {
      if (std::find(removed.begin(), removed.end(), roster::normalize_email(e)) == removed.end()) {
        ctx.warn(fmt::format("{} is not in {}", e, *course));
      }
    }
    if (removed.empty())
      throw data_error(fmt::format("none of the given people is in {}; nothing removed", *course));
    ctx.info(fmt::format("{}: removed {}", *course, removed.size()));
  });
}

}  // namespace

void add_roster_verbs(CLI::App& grp, Context& ctx) {
  add_import(grp, ctx);
  add_list_and_export(grp, ctx);
  add_remove(grp, ctx);
}

}  // namespace cs351::cli
