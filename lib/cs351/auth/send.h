#pragma once
// Sending magic links: decide who gets one (eligibility, per-address interval,
// already queued), queue them in the outbox, and deliver. The link is minted
// only when its message is composed, so the outbox never holds a token.

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cs351/auth/messages.h"
#include "cs351/auth/token.h"
#include "cs351/core/clock.h"
#include "cs351/mail/mailer.h"
#include "cs351/mail/outbox.h"
#include "cs351/store/store.h"

namespace cs351::auth {

struct SendRequest {
  std::vector<std::string> to;  // addresses; or else:
  std::string course;           // every member of this course...
  std::string role;             // ...with this role when given
  Purpose purpose = Purpose::login;
  std::optional<std::chrono::milliseconds> ttl{};  // default: the purpose's configured TTL
};

enum class Decision { send, not_eligible, too_soon, already_queued };
// "send", "not eligible", "too soon", "already queued".
const char* decision_name(Decision d);

struct PlannedRecipient {
  std::string email;
  std::int64_t person_id = 0;  // 0 when not in the roster
  Decision decision = Decision::not_eligible;
  std::string course;  // for the message: the course it is about
  std::string role;
  std::string reason;                   // why not `send`, in words (and what would work)
  std::optional<Purpose> would_work{};  // not eligible: the purpose that would be
};

struct SendPlan {
  Purpose purpose = Purpose::login;
  std::chrono::milliseconds ttl{};
  std::vector<PlannedRecipient> recipients;
  std::vector<std::string> sendable() const;
};

// Who would get a link and who is skipped, and why. Reads only. Throws a usage
// Error for a malformed address or bad TTL, a data Error for an unknown course.
SendPlan plan_send(SQLite::Database& db, const SendRequest& request, const LinkSettings& settings,
                   const Clock& clock);

// What a send needs before anything is queued: magic_link.base_url, ses.from (`from`)
// and a readable template for `purpose`. One config Error (78) naming every missing
// setting at once; `--dry-run` calls it too, so a dry run fails as the send would.
void check_send_settings(const LinkSettings& settings, const std::string& from, Purpose purpose);

// Queues the plan's sendable recipients as one outbox batch, then delivers that batch
// only: someone else's backlog is left for `mail flush`. `control.scope` is set here.
mail::DeliveryReport execute_send(store::Store& store, const SendPlan& plan,
                                  const LinkSettings& settings, mail::Mailer& mailer,
                                  mail::DeliveryControl control = {});

// Delivers what the outbox still holds in `control.scope` (after a crash, throttling,
// an outage, an interrupted send).
mail::DeliveryReport flush_outbox(store::Store& store, const LinkSettings& settings,
                                  mail::Mailer& mailer, const mail::DeliveryControl& control = {});

// "https://x/login?token=" + "[redacted]": what --dry-run shows instead of a link.
std::string redacted_link(const LinkSettings& settings);

}  // namespace cs351::auth
