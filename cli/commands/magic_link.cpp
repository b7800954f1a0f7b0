#include <fmt/format.h>

#include <fmt/ranges.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/commands/mail_commands.h"
#include "cli/local_times.h"
#include "cli/output.h"
#include "cs351/auth/magic_links.h"
#include "cs351/core/duration.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/mail/account_status.h"
#include "cs351/mail/settings.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

using nlohmann::json;

struct SendFlags {
  std::vector<std::string> to;
  std::string course, role, purpose = "login", ttl;
  bool dry_run = false, yes = false;
};

json identity_json(const auth::TokenIdentity& id) {
  json roles = json::array();
  for (const auto& r : id.roles) roles.push_back({{"course", r.course}, {"role", r.role}});
  return {{"email", id.email},       {"name", id.name},
          {"roles", roles},          {"purpose", auth::purpose_name(id.purpose)},
          {"token_id", id.token_id}, {"expires_at", format_utc(id.expires_at)}};
}

// A token is 43 characters; a line of 4 KiB leaves room for blanks without letting a
// runaway pipe fill the memory.
constexpr std::size_t k_token_line_max = 4096;

std::string token_text(std::istream& in, const std::string& arg) {
  if (arg != "-") return arg;
  return std::string(trim(read_bounded_line(in, k_token_line_max, "token on stdin")));
}

// Why a recipient is skipped; the library says which purpose would work in words, the
// command adds the flag that asks for it.
std::string skip_reason(const auth::PlannedRecipient& r) {
  if (!r.would_work) return r.reason;
  return fmt::format("{} (--purpose {})", r.reason, auth::purpose_name(*r.would_work));
}

void print_plan(Context& ctx, const auth::SendPlan& plan, const auth::LinkSettings& settings) {
  Listing listing{{"email", "status", "course", "link", "reason"}};
  for (const auto& r : plan.recipients) {
    const bool send = r.decision == auth::Decision::send;
    listing.rows.push_back({{"email", r.email},
                            {"status", send ? "would send" : auth::decision_name(r.decision)},
                            {"course", r.course},
                            {"link", send ? auth::redacted_link(settings) : ""},
                            {"reason", skip_reason(r)}});
  }
  write_listing(ctx.out(), listing, ctx.output());
  const auto sendable = plan.sendable().size();
  ctx.info(change_summary(fmt::format("sent {}, skipped {} ({} links valid {})", sendable,
                                      plan.recipients.size() - sendable,
                                      auth::purpose_name(plan.purpose), format_duration(plan.ttl)),
                          true));
}

void add_send(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("send", "Email magic links to addresses or to a course's members");
  auto o = std::make_shared<SendFlags>();
  auto* to = cmd->add_option("--to", o->to, "recipient address (repeatable)");
  auto* course = cmd->add_option("--course", o->course, "every member of this course");
  cmd->add_option("--role", o->role, "with --course: only this role")
      ->check(CLI::IsMember({"student", "ta", "instructor", "reader"}))
      ->needs(course);
  to->excludes(course);
  cmd->add_option("--purpose", o->purpose, "login (default) or onboard")
      ->check(CLI::IsMember({"login", "onboard"}));
  cmd->add_option("--ttl", o->ttl,
                  "validity, e.g. 15m (default magic_link.login_ttl / onboard_ttl)");
  cmd->add_flag("--dry-run", o->dry_run,
                "show who would get a link (links redacted); send nothing");
  cmd->add_flag("-y,--yes", o->yes, "do not ask before sending to more than one address");
  cmd->footer(
      "Examples:\n  cs351 magic-link send --to ada@example.edu\n"
      "  cs351 magic-link send --course CS351-S26 --role student --dry-run\n"
      "  cs351 magic-link send --course CS351-S26 --yes --ttl 30m");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::text("detail"), column::low(column::key("message_id")),
            column::plain("course"), column::text("link"), column::text("reason")});
  ctx.on_run(cmd, [&ctx, o] {
    if (o->to.empty() && o->course.empty()) throw usage_error("give --to EMAIL or --course CODE");
    const auto settings = auth::load_link_settings(ctx.config());
    auth::SendRequest request{.to = o->to,
                              .course = o->course,
                              .role = o->role,
                              .purpose = auth::parse_purpose(o->purpose)};
    if (!o->ttl.empty()) request.ttl = parse_duration(o->ttl, "--ttl");
    if (request.ttl && request.ttl->count() <= 0) throw usage_error("--ttl must be more than 0s");
    auto& store = ctx.store();
    const auto plan = auth::plan_send(store.db(), request, settings, system_clock());
    if (o->dry_run) {
      auth::check_send_settings(settings, ctx.config().get(mail::keys::from).value_or(""),
                                plan.purpose);
      return print_plan(ctx, plan, settings);
    }
    auto mailer = mail::make_mailer(ctx.config());
    const auto sendable = plan.sendable();
    warn_unverified(ctx, *mailer, sendable);
    if (sendable.size() > 1) {
      ctx.confirm(
          fmt::format("Send {} {} links?", sendable.size(), auth::purpose_name(plan.purpose)),
          o->yes);
    }
    WatchedDelivery watched(ctx);
    const auto report = auth::execute_send(store, plan, settings, *mailer, watched.control());
    watched.clear();
    report_delivery(ctx, &plan, report);
  });
}

void add_verify(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("verify",
                                 "Whom a token is for, without using it up (a confirm page's GET)");
  auto token = std::make_shared<std::string>();
  cmd->add_option("TOKEN", *token, "the token from the link ('-' reads it from stdin)")->required();
  cmd->footer(
      "Example:\n  printf %s \"$TOKEN\" | cs351 magic-link verify - --format json\n"
      "Exit codes: 0 valid, 77 refused (reason on stderr), 65 malformed token.");
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, token] {
    const auto text = token_text(ctx.terminal().in(), *token);
    const auto id = auth::verify_token(ctx.store().db(), text, system_clock());
    write_object(ctx.out(), identity_json(id), ctx.output());
  });
}

void add_redeem(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "redeem", "Use a token up (a confirm page's POST); prints the identity as JSON");
  auto token = std::make_shared<std::string>();
  auto purpose = std::make_shared<std::string>("login");
  cmd->add_option("TOKEN", *token, "the token from the link ('-' reads it from stdin)")->required();
  cmd->add_option("--purpose", *purpose, "login (default) or onboard")
      ->check(CLI::IsMember({"login", "onboard"}));
  cmd->footer(
      "Example:\n  printf %s \"$TOKEN\" | cs351 magic-link redeem - --purpose onboard\n"
      "Exit codes: 0 redeemed, 77 refused (expired, already used, revoked, wrong purpose,\n"
      "not eligible, unknown token), 65 malformed token.");
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, token, purpose] {
    const auto text = token_text(ctx.terminal().in(), *token);
    const auto id =
        auth::redeem_token(ctx.store().db(), text, auth::parse_purpose(*purpose), system_clock());
    write_object(ctx.out(), identity_json(id), ctx.output());
  });
}

void add_revoke(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("revoke", "Revoke an address's unused links");
  auto to = std::make_shared<std::string>();
  auto purpose = std::make_shared<std::string>();
  cmd->add_option("--to", *to, "the address")->required();
  cmd->add_option("--purpose", *purpose, "only links of this purpose")
      ->check(CLI::IsMember({"login", "onboard"}));
  cmd->footer("Example:\n  cs351 magic-link revoke --to ada@example.edu --purpose login");
  ctx.on_run(cmd, [&ctx, to, purpose] {
    std::optional<auth::Purpose> p;
    if (!purpose->empty()) p = auth::parse_purpose(*purpose);
    const int n = auth::revoke_tokens(ctx.store().db(), *to, p, system_clock());
    ctx.info(fmt::format("{}: revoked {}", *to, n));
  });
}

void add_list(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("list", "Issued links and their state (never the tokens)");
  auto course = std::make_shared<std::string>();
  auto status = std::make_shared<std::string>();
  cmd->add_option("--course", *course, "only people enrolled in this course");
  cmd->add_option("--status", *status, "active|used|expired|revoked")
      ->check(CLI::IsMember({"active", "used", "expired", "revoked"}));
  cmd->footer("Example:\n  cs351 magic-link list --course CS351-S26 --status active");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd,
                   {column::key("token_id"), column::key("email"), column::date("expires_at"),
                    column::low(column::date("created_at")), column::low(column::date("used_at"))});
  ctx.on_run(cmd, [&ctx, course, status] {
    auto& db = ctx.store().db();
    auth::TokenFilter filter;
    std::optional<roster::Course> only;
    if (!course->empty()) only = roster::resolve_course(db, *course);
    if (only) filter.course_id = only->id;
    if (!status->empty()) filter.status = *status;
    Listing listing{
        {"token_id", "email", "purpose", "status", "created_at", "expires_at", "used_at"}};
    for (const auto& t : auth::list_tokens(db, filter, system_clock())) {
      listing.rows.push_back({{"token_id", t.token_id},
                              {"email", t.email},
                              {"purpose", t.purpose},
                              {"status", t.status},
                              {"created_at", format_utc(t.created_at)},
                              {"expires_at", format_utc(t.expires_at)},
                              {"used_at", t.used_at ? format_utc(*t.used_at) : ""}});
    }
    write_timed_listing(ctx.out(), listing, ctx.output(), {"created_at", "expires_at", "used_at"},
                        display_zone(ctx, only ? &*only : nullptr));
  });
}

}  // namespace

void warn_unverified(Context& ctx, mail::Mailer& mailer, const std::vector<std::string>& emails) {
  if (emails.empty()) return;
  const auto status = mail::account_status(mailer, emails);
  for (const auto& note : status.notes) ctx.detail(note);
  if (status.unverified.empty()) return;
  ctx.warn(fmt::format(
      "SES is in sandbox mode: {} recipient(s) are not verified and will be rejected: {}",
      status.unverified.size(), fmt::join(status.unverified, ", ")));
}

mail::DeliveryControl WatchedDelivery::control(mail::PendingScope scope) {
  return {.scope = std::move(scope),
          .progress = [this](int done, int total) { m_progress.update(done, total, "sending"); },
          .stop_requested = [this] { return m_stop.requested(); }};
}

std::string scope_flags(const mail::PendingScope& scope) {
  std::string flags;
  if (scope.batch) flags += " --batch " + *scope.batch;
  if (scope.course) flags += " --course " + *scope.course;
  return flags;
}

void report_delivery(Context& ctx, const auth::SendPlan* plan, const mail::DeliveryReport& report) {
  Listing listing{{"email", "status", "message_id", "detail"}};
  int skipped = report.skipped;
  if (plan != nullptr) {
    for (const auto& r : plan->recipients) {
      if (r.decision == auth::Decision::send) continue;
      listing.rows.push_back(
          {{"email", r.email},
           {"status", "skipped"},
           {"message_id", ""},
           {"detail", fmt::format("{}: {}", auth::decision_name(r.decision), skip_reason(r))}});
      ++skipped;
    }
  }
  for (const auto& o : report.outcomes) {
    listing.rows.push_back({{"email", o.recipient},
                            {"status", o.status},
                            {"message_id", o.message_id},
                            {"detail", o.error}});
  }
  write_listing(ctx.out(), listing, ctx.output());
  ctx.info(fmt::format("sent {}, failed {}, skipped {}, pending {}", report.sent, report.failed,
                       skipped, report.remaining));
  if (report.interrupted) {
    const auto flags = scope_flags(report.scope);
    throw UserStop(ExitCode::interrupted,
                   fmt::format("interrupted: {} message(s) left in the outbox; resume with 'cs351 "
                               "mail flush{}', or drop them with 'cs351 mail cancel{}'",
                               report.remaining, flags, flags.empty() ? " --all" : flags));
  }
  if (report.stopped) {
    throw Error(report.stopped->code(),
                fmt::format("delivery stopped: {}; {} message(s) stay queued: run "
                            "'cs351 mail flush{}' later",
                            report.stopped->what(), report.remaining, scope_flags(report.scope)));
  }
  if (report.failed > 0)
    throw Error(ExitCode::failure, fmt::format("{} message(s) failed", report.failed));
}

void add_magic_link_verbs(CLI::App& grp, Context& ctx) {
  add_send(grp, ctx);
  add_verify(grp, ctx);
  add_redeem(grp, ctx);
  add_revoke(grp, ctx);
  add_list(grp, ctx);
}

}  // namespace cs351::cli
