// `cs351 gradescope members`: Gradescope's roster of a course as last synced.

#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/core/json.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"

namespace cs351::cli {

void add_gradescope_members_verbs(CLI::App& gradescope, Context& ctx) {
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
