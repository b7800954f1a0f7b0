#pragma once
// The outbox: every message is a row before it is sent, so a crash or kill
// mid-batch loses nothing and `mail flush` (or the next send) finishes the batch.
// Rows never hold secrets: a Composer builds each message only when it is sent.

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/mail/mailer.h"

namespace cs351::mail {

struct OutboxItem {
  std::int64_t id = 0;
  std::string batch;
  std::string recipient;
  std::string kind;  // "magic_link"
  nlohmann::json payload = nlohmann::json::object();
  std::string status;  // pending | sending | sent | failed | cancelled
  std::string subject;
  std::string message_id;
  std::string error;
  int attempts = 0;
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct NewMessage {
  std::string recipient;
  std::string kind;
  nlohmann::json payload = nlohmann::json::object();
};

// A fresh batch id ("b-" + 12 hex digits).
std::string new_batch_id();

// Queues `messages` as one batch in one transaction; a recipient appears once per batch.
void enqueue(SQLite::Database& db, const std::string& batch,
             const std::vector<NewMessage>& messages, const Clock& clock);

// True while a `kind` message to `recipient` waits in the outbox (pending or sending).
bool is_queued(SQLite::Database& db, const std::string& recipient, const std::string& kind);

struct OutboxFilter {
  std::optional<TimePoint> since;
  std::optional<std::string> status;
};
std::vector<OutboxItem> list_outbox(SQLite::Database& db, const OutboxFilter& filter);

// Which waiting messages (pending, or `sending` left by a crash) a delivery or a
// cancel is about; every field left empty means all of them.
struct PendingScope {
  std::optional<std::string> batch;
  std::optional<std::string> course;  // the course code in the message's payload
};

// Waiting messages in `scope`, in id order.
std::vector<OutboxItem> list_pending(SQLite::Database& db, const PendingScope& scope);

// Marks the waiting messages in `scope` cancelled (one transaction, one audit event
// per message) and returns them; with `dry_run` only returns them.
std::vector<OutboxItem> cancel_pending(SQLite::Database& db, const PendingScope& scope,
                                       bool dry_run, const Clock& clock);

// What a Composer hands back for one item.
struct Composed {
  EmailMessage message;  // `from` and configuration set are filled in by delivery
  nlohmann::json audit = nlohmann::json::object();  // added to the send/failure events
};

class Composer {
 public:
  virtual ~Composer() = default;
  // Builds the message for `item`; runs inside the transaction that marks it
  // `sending`, so whatever it writes commits with that mark. A string result is
  // the reason the item is no longer to be sent (it is marked failed with it).
  virtual std::variant<Composed, std::string> compose(const OutboxItem& item) = 0;
};

struct DeliveryOutcome {
  std::string recipient;
  std::string status;  // sent | failed | skipped
  std::string message_id;
  std::string error;
};

struct DeliveryReport {
  std::vector<DeliveryOutcome> outcomes;
  int sent = 0, failed = 0, skipped = 0;
  int remaining = 0;             // still pending in the delivery's scope when it ended
  std::optional<Error> stopped;  // why delivery stopped early (SES throttling, outage)
  bool interrupted = false;      // stopped because DeliveryControl::stop_requested said so
  PendingScope scope;            // what was delivered (a send: its own batch)
};

// How a caller watches and stops a delivery.
struct DeliveryControl {
  PendingScope scope;
  // After each message: how many of the scope's messages are done, of how many.
  std::function<void(int done, int total)> progress;
  // Asked before each message; true ends the delivery, the rest stays pending.
  std::function<bool()> stop_requested;
};

// True for SES errors that no other message would escape (bad credentials or
// signature, account suspended, sending paused, MAIL FROM not verified): delivery
// stops and keeps the batch queued rather than failing every message.
bool blocks_every_message(const std::exception& e);

// Sends every pending item in `control.scope` (and one left `sending` by a crash) in id order,
// at the mailer's rate, retrying throttling/5xx/timeouts with backoff. A
// permanent error fails that item and goes on; retries running out, or an
// error that blocks every message, leaves the item pending and stops. Holds `lock_path` so two
// deliveries never overlap (a second one throws a temporary Error, exit 75).
DeliveryReport deliver_pending(SQLite::Database& db, const std::filesystem::path& lock_path,
                               Composer& composer, Mailer& mailer,
                               const DeliveryControl& control = {});

}  // namespace cs351::mail
