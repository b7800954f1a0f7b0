#include "cs351/auth/send.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "cs351/auth/eligibility.h"
#include "cs351/auth/magic_links.h"
#include "cs351/core/config.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"

namespace cs351::auth {
namespace {

using nlohmann::json;

constexpr const char* k_kind = "magic_link";

// Roster's rules, so an address that could be imported can be mailed.
std::string checked_address(const std::string& raw) {
  const auto email = roster::normalize_email(raw);
  if (const auto problem = roster::email_problem(email); !problem.empty()) {
    throw usage_error(fmt::format("'{}' is not an email address: {}", raw, problem));
  }
  return email;
}

PlannedRecipient decide(SQLite::Database& db, const std::string& email, const std::string& course,
                        Purpose purpose, const LinkSettings& settings, const Clock& clock) {
  PlannedRecipient r{email, 0, Decision::not_eligible, course, "", "not on any course roster"};
  const auto person = find_person(db, email);
  if (!person) return r;
  r.person_id = person->id;
  const auto roles = eligible_roles(db, person->id, purpose);
  auto match = std::find_if(roles.begin(), roles.end(), [&](const CourseRole& cr) {
    return course.empty() || cr.course == course;
  });
  if (match == roles.end()) {
    auto why = ineligibility_reason(db, person->id, purpose, course);
    r.reason = std::move(why.reason);
    r.would_work = why.would_work;
    return r;
  }
  r.course = match->course;
  r.role = match->role;
  const auto last = last_issued(db, person->id);
  if (mail::is_queued(db, email, k_kind)) {
    r.decision = Decision::already_queued;
    r.reason =
        "a message to this address waits in the outbox (`cs351 mail log` lists it as pending)";
  } else if (last && settings.min_interval.count() > 0 &&
             clock.now() - *last < settings.min_interval) {
    r.decision = Decision::too_soon;
    r.reason = fmt::format("a link was sent less than magic_link.min_interval ({}) ago",
                           format_duration(settings.min_interval));
  } else {
    r.decision = Decision::send;
    r.reason.clear();
  }
  return r;
}

// Dropped members too: the plan reports them as not eligible rather than hiding them.
std::vector<std::string> course_members(SQLite::Database& db, const roster::Course& course,
                                        const std::string& role) {
  std::vector<std::string> out;
  for (const auto& m : roster::list_members(
           db, course.id, role.empty() ? std::nullopt : std::optional(role), true)) {
    out.push_back(m.email);
  }
  return out;
}

class LinkComposer : public mail::Composer {
 public:
  LinkComposer(SQLite::Database& db, const LinkSettings& settings, const Clock& clock)
      : m_db(db), m_settings(settings), m_clock(clock) {}

  std::variant<mail::Composed, std::string> compose(const mail::OutboxItem& item) override {
    if (item.kind != k_kind || !item.payload.is_object()) return "unknown message kind";
    const auto person_id = item.payload.value("person_id", std::int64_t{0});
    const auto purpose = parse_purpose(item.payload.value("purpose", "login"));
    const auto person = find_person(m_db, person_id);
    const auto roles = eligible_roles(m_db, person_id, purpose);
    if (!person || roles.empty()) return "not eligible";
    const auto ttl = std::chrono::milliseconds(item.payload.value("ttl_ms", std::int64_t{0}));
    const auto issued = issue_token(m_db, person_id, purpose, ttl, m_clock);
    const auto course = item.payload.value("course", roles.front().course);
    const auto parts = mail::render(template_for(purpose),
                                    {{"name", person->name.empty() ? person->email : person->name},
                                     {"email", person->email},
                                     {"link", m_settings.base_url + issued.token},
                                     {"expires", expiry_text(issued.expires_at, course)},
                                     {"valid_for", format_duration(ttl)},
                                     {"purpose", purpose_name(purpose)},
                                     {"course", course},
                                     {"role", item.payload.value("role", roles.front().role)}});
    mail::Composed out;
    out.message.to = person->email;
    out.message.subject = parts.subject;
    out.message.text = parts.text;
    out.message.html = parts.html;
    out.message.tags = {{"purpose", purpose_name(purpose)}};
    out.audit = {{"token_id", issued.token_id}, {"purpose", purpose_name(purpose)}};
    return out;
  }

 private:
  // In the course's time zone, with the offset, so nobody converts from UTC.
  std::string expiry_text(TimePoint t, const std::string& course_code) {
    const auto course = roster::find_course(m_db, course_code);
    return format_in_zone(t, course ? course->timezone : "UTC");
  }

  const mail::MessageTemplate& template_for(Purpose p) {
    auto& slot = p == Purpose::login ? m_login : m_onboard;
    if (!slot) slot = load_template(m_settings, p);
    return *slot;
  }

  SQLite::Database& m_db;
  const LinkSettings& m_settings;
  const Clock& m_clock;
  std::optional<mail::MessageTemplate> m_login, m_onboard;
};

void require_base_url(const LinkSettings& settings) {
  if (settings.base_url.empty()) {
    throw config_error("magic_link.base_url is not set (env CS351_MAGIC_LINK_BASE_URL)");
  }
}

std::string missing_setting(const std::string& key) {
  return fmt::format("{} (env {})", key, env_name_for(key));
}

}  // namespace

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::send:
      return "send";
    case Decision::not_eligible:
      return "not eligible";
    case Decision::too_soon:
      return "too soon";
    case Decision::already_queued:
      break;
  }
  return "already queued";
}

std::vector<std::string> SendPlan::sendable() const {
  std::vector<std::string> out;
  for (const auto& r : recipients) {
    if (r.decision == Decision::send) out.push_back(r.email);
  }
  return out;
}

SendPlan plan_send(SQLite::Database& db, const SendRequest& request, const LinkSettings& settings,
                   const Clock& clock) {
  SendPlan plan;
  plan.purpose = request.purpose;
  plan.ttl = request.ttl.value_or(settings.ttl_for(request.purpose));
  if (plan.ttl.count() <= 0) throw usage_error("a magic link must be valid for more than 0s");
  // The course as the store spells it: codes are matched case-insensitively.
  std::string course_code;
  std::optional<roster::Course> course;
  if (!request.course.empty()) {
    course = roster::require_course(db, request.course);
    course_code = course->code;
  }
  std::vector<std::string> addresses;
  if (!request.to.empty()) {
    for (const auto& raw : request.to) addresses.push_back(checked_address(raw));
  } else if (course) {
    addresses = course_members(db, *course, request.role);
  }
  std::set<std::string> seen;
  for (const auto& email : addresses) {
    if (!seen.insert(email).second) continue;
    plan.recipients.push_back(decide(db, email, course_code, request.purpose, settings, clock));
  }
  return plan;
}

void check_send_settings(const LinkSettings& settings, const std::string& from, Purpose purpose) {
  std::vector<std::string> missing;
  if (settings.base_url.empty()) missing.push_back(missing_setting("magic_link.base_url"));
  if (from.empty()) missing.push_back(missing_setting("ses.from"));
  if (!missing.empty()) {
    throw config_error(fmt::format("cannot send magic links: {} not set: {}",
                                   missing.size() == 1 ? "this setting is" : "these settings are",
                                   fmt::join(missing, ", ")));
  }
  load_template(settings, purpose);
}

mail::DeliveryReport execute_send(store::Store& store, const SendPlan& plan,
                                  const LinkSettings& settings, mail::Mailer& mailer,
                                  mail::DeliveryControl control) {
  // Missing settings and broken templates fail before anything is queued.
  check_send_settings(settings, mailer.setup().from, plan.purpose);
  std::vector<mail::NewMessage> messages;
  for (const auto& r : plan.recipients) {
    if (r.decision != Decision::send) continue;
    messages.push_back({r.email, k_kind,
                        json{{"person_id", r.person_id},
                             {"purpose", purpose_name(plan.purpose)},
                             {"ttl_ms", plan.ttl.count()},
                             {"course", r.course},
                             {"role", r.role}}});
  }
  control.scope = {.batch = mail::new_batch_id(), .course = std::nullopt};
  mail::enqueue(store.db(), *control.scope.batch, messages, mailer.clock());
  return flush_outbox(store, settings, mailer, control);
}

mail::DeliveryReport flush_outbox(store::Store& store, const LinkSettings& settings,
                                  mail::Mailer& mailer, const mail::DeliveryControl& control) {
  require_base_url(settings);
  LinkComposer composer(store.db(), settings, mailer.clock());
  return mail::deliver_pending(store.db(), store.data_dir() / "mail-outbox.lock", composer, mailer,
                               control);
}

std::string redacted_link(const LinkSettings& settings) {
  return settings.base_url + "[redacted]";
}

}  // namespace cs351::auth
