#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/commands/mail_commands.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/output.h"
#include "cs351/auth/eligibility.h"
#include "cs351/core/duration.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/mail/account_status.h"
#include "cs351/mail/outbox.h"
#include "cs351/roster/course.h"

namespace cs351::cli {
namespace {

using nlohmann::json;

json account_json(const mail::AccountStatus& s) {
  json out{{"endpoint", s.endpoint}, {"region", s.region}};
  if (s.account) {
    const auto& a = *s.account;
    out["mode"] = a.production_access ? "production" : "sandbox";
    out["sending_enabled"] = a.sending_enabled;
    out["enforcement_status"] = a.enforcement_status;
    out["max_24_hour_send"] = a.max_24_hour_send;
    out["sent_last_24_hours"] = a.sent_last_24_hours;
    out["max_send_rate"] = a.max_send_rate;
  } else {
    out["mode"] = "unknown";
  }
  json verified = json::array();
  if (s.identities) {
    for (const auto& id : *s.identities) {
      if (id.verification_status == "SUCCESS") verified.push_back(id.name);
    }
  }
  out["identities_supported"] = s.identities.has_value();
  out["verified_identities"] = verified;
  out["unverified_recipients"] = s.unverified;
  out["notes"] = s.notes;
  return out;
}

void add_status(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "status", "SES account: sandbox or production, quota, rate, verified identities");
  cmd->footer("Example:\n  cs351 mail status --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}, "json"});
  ctx.on_run(cmd, [&ctx] {
    auto mailer = mail::make_mailer(ctx.config());
    const auto status = mail::account_status(*mailer, auth::enrolled_addresses(ctx.store().db()));
    for (const auto& note : status.notes) ctx.warn(note);
    write_object(ctx.out(), account_json(status), ctx.output());
  });
}

// An ISO 8601 time (in `zone` unless it has an offset), or a duration back from now ("2h", "7d").
TimePoint since_time(const std::string& text, const std::string& zone) {
  if (auto t = parse_time(trim(text), zone)) return *t;
  try {
    return system_clock().now() - parse_duration(text, "--since");
  } catch (const Error&) {
    throw usage_error(fmt::format(
        "--since: '{}' is neither a time (2026-01-15T09:00) nor a duration (2h)", text));
  }
}

struct LogOptions {
  std::string since, status;
};

void add_log(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "log", "Messages in the outbox: pending, sent (with SES MessageId), failed");
  auto o = std::make_shared<LogOptions>();
  cmd->add_option(
      "--since", o->since,
      "only messages queued since this time (ISO 8601; without an offset, in the default "
      "course's time zone, else UTC) or this long ago (2h)");
  cmd->add_option("--status", o->status, "pending|sending|sent|failed|cancelled")
      ->check(CLI::IsMember({"pending", "sending", "sent", "failed", "cancelled"}));
  cmd->footer(
      "Examples:\n  cs351 mail log --status failed --since 1d\n"
      "  cs351 mail log --since 2026-01-15 --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("id"), column::key("recipient"), column::date("queued_at"),
            column::text("subject"), column::text("error"), column::low(column::key("message_id")),
            column::low(column::plain("batch")), column::low(column::number("attempts"))});
  ctx.on_run(cmd, [&ctx, o] {
    mail::OutboxFilter filter;
    const auto zone = display_zone(ctx, nullptr);
    if (!o->since.empty()) filter.since = since_time(o->since, zone);
    if (!o->status.empty()) filter.status = o->status;
    Listing listing{{"id", "batch", "queued_at", "recipient", "status", "subject", "message_id",
                     "attempts", "error"}};
    for (const auto& m : mail::list_outbox(ctx.store().db(), filter)) {
      listing.rows.push_back({{"id", m.id},
                              {"batch", m.batch},
                              {"queued_at", format_utc(m.created_at)},
                              {"updated_at", format_utc(m.updated_at)},
                              {"recipient", m.recipient},
                              {"kind", m.kind},
                              {"status", m.status},
                              {"subject", m.subject},
                              {"message_id", m.message_id},
                              {"attempts", m.attempts},
                              {"error", m.error}});
    }
    write_timed_listing(ctx.out(), listing, ctx.output(), {"queued_at", "updated_at"}, zone);
  });
}

struct ScopeFlags {
  std::string batch, course;
  bool all = false;
};

void add_scope_options(CLI::App* cmd, ScopeFlags& o) {
  cmd->add_option("--batch", o.batch, "only this batch (ids in 'mail log')");
  cmd->add_option("--course", o.course, "only messages about this course");
}

mail::PendingScope scope_of(Context& ctx, const ScopeFlags& o) {
  mail::PendingScope scope;
  if (!o.batch.empty()) scope.batch = o.batch;
  if (!o.course.empty()) scope.course = roster::require_course(ctx.store().db(), o.course).code;
  return scope;
}

void add_flush(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "flush", "Send what the outbox still holds (after a crash, throttling, an outage, a Ctrl-C)");
  auto o = std::make_shared<ScopeFlags>();
  add_scope_options(cmd, *o);
  cmd->footer(
      "Examples:\n  cs351 mail flush   # e.g. from cron every 10 minutes\n"
      "  cs351 mail flush --batch b-0123456789ab   # what an interrupted send left");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(
      cmd, {column::key("email"), column::text("detail"), column::low(column::key("message_id"))});
  ctx.on_run(cmd, [&ctx, o] {
    auto mailer = mail::make_mailer(ctx.config());
    const auto settings = auth::load_link_settings(ctx.config());
    WatchedDelivery watched(ctx);
    const auto report =
        auth::flush_outbox(ctx.store(), settings, *mailer, watched.control(scope_of(ctx, *o)));
    watched.clear();
    report_delivery(ctx, nullptr, report);
  });
}

void add_cancel(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "cancel", "Drop messages still waiting in the outbox: a batch, a course's, or all");
  auto o = std::make_shared<ScopeFlags>();
  auto dry_run = std::make_shared<bool>(false);
  add_scope_options(cmd, *o);
  cmd->add_flag("--all", o->all, "every waiting message");
  cmd->add_flag("--dry-run", *dry_run, "list what would be dropped; change nothing");
  cmd->footer(
      "Cancelled messages stay in 'mail log' (status cancelled); no link was minted for them.\n"
      "Examples:\n  cs351 mail cancel --batch b-0123456789ab --dry-run\n"
      "  cs351 mail cancel --course CS351-S26\n  cs351 mail cancel --all");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("id"), column::key("recipient"), column::date("queued_at")});
  ctx.on_run(cmd, [&ctx, o, dry_run] {
    if (o->batch.empty() && o->course.empty() && !o->all)
      throw usage_error("say which messages: --batch ID, --course CODE or --all");
    const auto items =
        mail::cancel_pending(ctx.store().db(), scope_of(ctx, *o), *dry_run, system_clock());
    Listing listing{{"id", "batch", "recipient", "status", "queued_at"}};
    for (const auto& m : items) {
      listing.rows.push_back({{"id", m.id},
                              {"batch", m.batch},
                              {"recipient", m.recipient},
                              {"status", *dry_run ? "would cancel" : m.status},
                              {"queued_at", format_utc(m.created_at)}});
    }
    write_timed_listing(ctx.out(), listing, ctx.output(), {"queued_at"},
                        display_zone(ctx, nullptr));
    ctx.info(change_summary(fmt::format("cancelled {}", items.size()), *dry_run));
  });
}

struct VerifyOptions {
  std::string course, role;
};

void add_verify_recipients(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "verify-recipients",
      "SES sandbox: have SES email each unverified roster address a confirmation link");
  auto o = std::make_shared<VerifyOptions>();
  add_course_option(cmd, o->course);
  cmd->add_option("--role", o->role, "only this role")
      ->check(CLI::IsMember({"student", "ta", "instructor", "reader"}));
  cmd->footer("Example:\n  cs351 mail verify-recipients --course CS351-S26 --role ta");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("email"), column::text("detail")});
  ctx.on_run(cmd, [&ctx, o] {
    auto& db = ctx.store().db();
    o->course = chosen_course(ctx, o->course).code;
    auto mailer = mail::make_mailer(ctx.config());
    Listing listing{{"email", "status", "detail"}};
    int pending = 0;
    for (const auto& v :
         mail::request_verification(*mailer, auth::enrolled_addresses(db, o->course, o->role))) {
      listing.rows.push_back({{"email", v.email}, {"status", v.status}, {"detail", v.detail}});
      pending += v.status == "requested" || v.status == "pending";
    }
    write_listing(ctx.out(), listing, ctx.output());
    ctx.info(fmt::format("{} of {} addresses await confirmation", pending, listing.rows.size()));
  });
}

}  // namespace

void add_mail_verbs(CLI::App& grp, Context& ctx) {
  add_status(grp, ctx);
  add_log(grp, ctx);
  add_flush(grp, ctx);
  add_cancel(grp, ctx);
  add_verify_recipients(grp, ctx);
}

}  // namespace cs351::cli
