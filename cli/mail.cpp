#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/local_times.h"
#include "cli/mail_commands.h"
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
  ctx.formats(cmd, {{"table", "json"}, "table"});
  ctx.on_run(cmd, [&ctx] {
    auto mailer = mail::make_mailer(ctx.config());
    const auto status = mail::account_status(*mailer, auth::enrolled_addresses(ctx.store().db()));
    for (const auto& note : status.notes) ctx.warn(note);
    write_object(std::cout, account_json(status), ctx.format());
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
  cmd->add_option("--status", o->status, "pending|sending|sent|failed")
      ->check(CLI::IsMember({"pending", "sending", "sent", "failed"}));
  cmd->footer(
      "Examples:\n  cs351 mail log --status failed --since 1d\n"
      "  cs351 mail log --since 2026-01-15 --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.on_run(cmd, [&ctx, o] {
    mail::OutboxFilter filter;
    const auto zone = display_zone(ctx, nullptr);
    if (!o->since.empty()) filter.since = since_time(o->since, zone);
    if (!o->status.empty()) filter.status = o->status;
    Listing listing{
        {"id", "queued_at", "recipient", "status", "subject", "message_id", "attempts", "error"}};
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
    write_timed_listing(listing, ctx.format(), {"queued_at", "updated_at"},
                        zone);
  });
}

void add_flush(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "flush", "Send what the outbox still holds (after a crash, throttling, an outage)");
  cmd->footer("Example:\n  cs351 mail flush   # e.g. from cron every 10 minutes");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.on_run(cmd, [&ctx] {
    auto mailer = mail::make_mailer(ctx.config());
    const auto settings = auth::load_link_settings(ctx.config());
    report_delivery(ctx, nullptr, auth::flush_outbox(ctx.store(), settings, *mailer));
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
    write_listing(std::cout, listing, ctx.format());
    ctx.info(fmt::format("{} of {} addresses await confirmation", pending, listing.rows.size()));
  });
}

}  // namespace

void add_mail_verbs(CLI::App& grp, Context& ctx) {
  add_status(grp, ctx);
  add_log(grp, ctx);
  add_flush(grp, ctx);
  add_verify_recipients(grp, ctx);
}

}  // namespace cs351::cli
