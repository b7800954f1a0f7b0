#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cs351/gradescope/capture.h"
#include "cs351/gradescope/check.h"
#include "cs351/gradescope/connection.h"
#include "cs351/gradescope/sync.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

// --only's list of parts; the library's complaint, prefixed with the flag.
std::set<gradescope::Part> parts_flag(const std::string& only) {
  if (only.empty()) return {};
  try {
    return gradescope::parse_parts(only);
  } catch (const Error& e) {
    throw usage_error(fmt::format("--only: {}", e.what()));
  }
}

struct SyncFlags {
  std::vector<std::string> courses;
  std::string only;
  bool dry_run = false;
};

nlohmann::json tally_json(const gradescope::Tally& t) {
  return {{"total", t.total()},
          {"inserted", t.inserted},
          {"updated", t.updated},
          {"unchanged", t.unchanged}};
}

nlohmann::json course_json(const gradescope::CourseSync& c) {
  return {{"course", c.code},
          {"assignments", tally_json(c.assignments)},
          {"members", tally_json(c.members)},
          {"scores", tally_json(c.scores)},
          {"submissions", tally_json(c.submissions)},
          {"timezone", c.timezone},
          {"failures", c.failures},
          {"notes", c.notes},
          {"roster_differences",
           {{"only_on_gradescope", c.roster_differences.only_on_gradescope},
            {"only_local", c.roster_differences.only_local}}},
          {"requests", c.requests},
          {"seconds", c.seconds},
          {"summary", gradescope::summary_line(c)}};
}

// csv: one row per course and part, with the same counts as the summary line.
Listing tally_listing(const gradescope::SyncReport& report) {
  Listing listing{{"course", "part", "total", "inserted", "updated", "unchanged"}};
  for (const auto& c : report.courses) {
    for (const auto& [part, tally] :
         {std::pair{"assignments", &c.assignments}, std::pair{"members", &c.members},
          std::pair{"scores", &c.scores}, std::pair{"submissions", &c.submissions}}) {
      auto row = tally_json(*tally);
      row["course"] = c.code;
      row["part"] = part;
      listing.rows.push_back(std::move(row));
    }
  }
  return listing;
}

// -v: each request and retry on stderr.
void trace_requests(const Context& ctx, gradescope::Session& session) {
  if (ctx.options.verbose > 0)
    session.set_trace([&ctx](const std::string& line) { ctx.detail("gradescope: " + line); });
}

std::string linked_course_id(Context& ctx, const std::string& code) {
  const auto c = roster::require_course(ctx.store().db(), code);
  if (!c.gradescope_course_id)
    throw usage_error(
        fmt::format("course {} is not linked; run: cs351 course link {} ID", c.code, c.code));
  return *c.gradescope_course_id;
}

void add_sync(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "sync", "Mirror linked courses (roster, assignments, scores; history opt-in) into the store");
  auto o = std::make_shared<SyncFlags>();
  cmd->add_option("--course", o->courses,
                  "course code (repeatable; default: every active linked course)");
  cmd->add_option("--only", o->only,
                  "parts: roster,assignments,scores,history (default: the first three)");
  cmd->add_flag("--dry-run", o->dry_run, "fetch and compare, write nothing");
  cmd->footer(
      "Safe from cron: a lock keeps two syncs apart (the second exits 75), each course part and\n"
      "each assignment is its own transaction, and nothing is deleted.\n\n"
      "Examples:\n  cs351 gradescope sync\n  cs351 gradescope sync --course CS351-S26 --only "
      "scores --dry-run\n"
      "  cs351 gradescope sync --course CS351-S26 --only history --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}, "table"});
  ctx.column_roles(
      cmd, {column::key("course"), column::key("part"), column::number("total"),
            column::number("inserted"), column::number("updated"), column::number("unchanged")});
  ctx.on_run(cmd, [&ctx, o] {
    const auto output = ctx.output();
    const gradescope::SyncOptions options{
        .courses = o->courses, .parts = parts_flag(o->only), .dry_run = o->dry_run};
    gradescope::Connection conn(ctx.config(), ctx.store().data_dir());
    conn.enable_relogin(ctx.config());
    gradescope::SyncReport report;
    trace_requests(ctx, conn.session());
    {
      Progress progress(ctx);
      const auto show = [&progress](const std::string& step, int done, int total) {
        progress.update(done, total, step);
      };
      try {
        report = gradescope::sync(ctx.store(), conn.session(), options, system_clock(), show);
      } catch (...) {
        progress.clear();
        conn.save();
        throw;
      }
    }
    conn.save();
    nlohmann::json courses = nlohmann::json::array();
    for (const auto& c : report.courses) {
      for (const auto& n : c.notes) ctx.info(fmt::format("{}: {}", c.code, n));
      for (const auto& n : gradescope::describe(c.roster_differences, ctx.options.verbose > 0))
        ctx.info(fmt::format("{}: {}", c.code, n));
      for (const auto& f : c.failures) ctx.warn(fmt::format("{}: {}", c.code, f));
      courses.push_back(course_json(c));
      if (output.format == "table")
        ctx.out() << (report.dry_run ? "(dry run) " : "") << gradescope::summary_line(c) << '\n';
    }
    if (output.format == "json")
      ctx.out() << json_text(empty_as_null({{"dry_run", report.dry_run}, {"courses", courses}}))
                << '\n';
    if (output.format == "csv") write_listing(ctx.out(), tally_listing(report), output);
    if (report.status() != ExitCode::ok) {
      throw Error(report.status(),
                  "some parts failed (listed above); the store keeps the previous data for them "
                  "and the next sync retries");
    }
  });
}

// The courses `check` looks at: --course, else the default course, else every active
// linked course.
std::vector<gradescope::CheckedCourse> courses_to_check(Context& ctx, const std::string& flag) {
  if (!flag.empty() || default_course(ctx)) {
    const auto code = chosen_course(ctx, flag).code;
    return {{code, linked_course_id(ctx, code)}};
  }
  std::vector<gradescope::CheckedCourse> out;
  for (const auto& c : roster::list_courses(ctx.store().db())) {
    if (c.active && c.gradescope_course_id) out.push_back({c.code, *c.gradescope_course_id});
  }
  return out;
}

void add_check(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "check", "Fetch one page of each kind and run its parser: has Gradescope changed?");
  auto course = std::make_shared<std::string>();
  cmd->add_option("--course", *course,
                  "a linked course (default: the default course, else every active linked one)");
  cmd->footer(
      "The course pages are checked even when the account page is BROKEN.\n"
      "Exit 65 when any page is BROKEN.\n\nExample:\n  cs351 gradescope check --course CS351-S26");
  ctx.formats(cmd, {{"table", "csv", "json"}, "table"});
  ctx.column_roles(cmd, {column::key("course"), column::key("page"), column::text("detail"),
                         column::text("path")});
  ctx.on_run(cmd, [&ctx, course] {
    const auto courses = courses_to_check(ctx, *course);
    gradescope::Connection conn(ctx.config(), ctx.store().data_dir());
    conn.enable_relogin(ctx.config());
    trace_requests(ctx, conn.session());
    const auto checks = gradescope::check_pages(conn.session(), courses);
    conn.save();
    Listing listing{{"course", "page", "status", "detail", "path"}};
    for (const auto& c : checks) {
      listing.rows.push_back({{"course", c.course},
                              {"page", c.kind},
                              {"status", c.status},
                              {"detail", c.detail},
                              {"path", c.path}});
    }
    write_listing(ctx.out(), listing, ctx.output());
    if (gradescope::any_broken(checks))
      throw data_error("Gradescope pages changed (BROKEN above): the parsers need updating");
  });
}

struct CaptureFlags {
  std::string course, out;
  bool force = false;
};

void add_capture(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("capture", "Save one scrubbed page of each kind as test fixtures");
  auto o = std::make_shared<CaptureFlags>();
  add_course_option(cmd, o->course, "a linked course");
  cmd->add_option("--out", o->out, "directory for the pages")->required();
  cmd->add_flag("--force", o->force, "overwrite files already there");
  cmd->footer(
      "Every name, email, SID, user id, submission id and token is replaced by a stable fake;\n"
      "nothing is written if any original value survives.\n\n"
      "Example:\n  cs351 gradescope capture --course CS351-S26 --out /tmp/gs-pages");
  ctx.formats(cmd, {{"table", "csv", "json"}, "table"});
  ctx.column_roles(cmd, {column::key("page"), column::key("file"), column::number("bytes")});
  ctx.on_run(cmd, [&ctx, o] {
    o->course = chosen_course(ctx, o->course).code;
    const auto id = linked_course_id(ctx, o->course);
    gradescope::Connection conn(ctx.config(), ctx.store().data_dir());
    conn.enable_relogin(ctx.config());
    trace_requests(ctx, conn.session());
    const auto capture = gradescope::capture_pages(conn.session(), id);
    conn.save();
    const auto existing = gradescope::existing_files(capture, o->out);
    if (!o->force && !existing.empty())
      throw usage_error(fmt::format("{} exists; pass --force to overwrite", existing[0].string()));
    gradescope::write_capture(capture, o->out);
    for (const auto& u : capture.unavailable) ctx.warn("not captured: " + u);
    Listing listing{{"page", "file", "bytes"}};
    for (const auto& p : capture.pages)
      listing.rows.push_back({{"page", p.kind}, {"file", p.file}, {"bytes", p.body.size()}});
    write_listing(ctx.out(), listing, ctx.output());
    ctx.info(fmt::format("{} pages written to {}; {} people replaced by fakes",
                         capture.pages.size(), o->out, capture.people));
  });
}

}  // namespace

void add_gradescope_sync_verbs(CLI::App& gradescope, Context& ctx) {
  add_sync(gradescope, ctx);
  add_check(gradescope, ctx);
  add_capture(gradescope, ctx);
}

}  // namespace cs351::cli
