#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/mail_commands.h"
#include "cli/naming.h"
#include "cs351/auth/staff.h"

namespace cs351::cli {

void add_staff_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "invite", "Add a staff member to a course and email a single-use onboarding link");
  auto o = std::make_shared<auth::InviteRequest>();
  cmd->add_option("EMAIL", o->email, "the staff member's address")->required();
  add_course_option(cmd, o->course);
  cmd->add_option("--role", o->role, "ta|instructor|reader")
      ->required()
      ->check(CLI::IsMember({"ta", "instructor", "reader"}));
  cmd->add_option("--name", o->name, "display name for the email");
  cmd->footer(
      "Example:\n  cs351 staff invite grace@example.edu --course CS351-S26 --role ta --name "
      "\"Grace Hopper\"");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::text("detail"), column::low(column::key("message_id"))});
  ctx.on_run(cmd, [&ctx, o] {
    o->course = chosen_course(ctx, o->course).code;
    const auto settings = auth::load_link_settings(ctx.config());
    auto mailer = mail::make_mailer(ctx.config());
    warn_unverified(ctx, *mailer, {o->email});
    const auto result = auth::invite_staff(ctx.store(), *o, settings, *mailer);
    report_delivery(ctx, &result.plan, result.delivery);
  });
}

}  // namespace cs351::cli
