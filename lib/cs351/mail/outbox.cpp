#include "cs351/mail/outbox.h"
#include "cs351/core/json.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/crypto.h"
#include "cs351/core/lock_file.h"
#include "cs351/core/time_format.h"
#include "cs351/store/events.h"
#include "cs351/store/time_column.h"

namespace cs351::mail {
namespace {

using nlohmann::json;

std::string text_or_empty(SQLite::Statement& q, int col) {
  return q.getColumn(col).isNull() ? std::string() : q.getColumn(col).getString();
}

OutboxItem read_item(SQLite::Statement& q) {
  OutboxItem item;
  item.id = q.getColumn(0).getInt64();
  item.batch = q.getColumn(1).getString();
  item.recipient = q.getColumn(2).getString();
  item.kind = q.getColumn(3).getString();
  item.payload = parse_json(q.getColumn(4).getString());
  item.status = q.getColumn(5).getString();
  item.subject = q.getColumn(6).getString();
  item.message_id = text_or_empty(q, 7);
  item.error = text_or_empty(q, 8);
  item.attempts = q.getColumn(9).getInt();
  item.created_at = store::read_time(q.getColumn(10));
  item.updated_at = store::read_time(q.getColumn(11));
  return item;
}

constexpr const char* k_columns =
    "id, batch, recipient, kind, payload, status, subject, message_id, error, attempts, "
    "created_at, updated_at";

// Waiting rows in a scope; ?1 is the batch, ?2 the course (NULL: any).
constexpr const char* k_pending_in_scope =
    "status IN ('pending', 'sending') AND (?1 IS NULL OR batch = ?1) AND (?2 IS NULL OR "
    "json_extract(payload, '$.course') = ?2 COLLATE NOCASE)";

void bind_scope(SQLite::Statement& q, const PendingScope& scope) {
  if (scope.batch) q.bind(1, *scope.batch);
  if (scope.course) q.bind(2, *scope.course);
}

std::optional<OutboxItem> next_pending(SQLite::Database& db, const PendingScope& scope) {
  SQLite::Statement q(db, fmt::format("SELECT {} FROM mail_outbox WHERE {} ORDER BY id LIMIT 1",
                                      k_columns, k_pending_in_scope));
  bind_scope(q, scope);
  if (!q.executeStep()) return std::nullopt;
  return read_item(q);
}

int count_pending(SQLite::Database& db, const PendingScope& scope) {
  SQLite::Statement q(db,
                      fmt::format("SELECT count(*) FROM mail_outbox WHERE {}", k_pending_in_scope));
  bind_scope(q, scope);
  q.executeStep();
  return q.getColumn(0).getInt();
}

void set_status(SQLite::Database& db, std::int64_t id, const std::string& status,
                const std::string& message_id, const std::string& error, const Clock& clock) {
  SQLite::Statement q(db,
                      "UPDATE mail_outbox SET status = ?, message_id = nullif(?, ''), error = "
                      "nullif(?, ''), updated_at = ? WHERE id = ?");
  q.bind(1, status);
  q.bind(2, message_id);
  q.bind(3, error);
  q.bind(4, format_store_time(clock.now()));
  q.bind(5, id);
  q.exec();
}

// Composes `item` and marks it `sending` in one transaction; nullopt after
// marking it failed when the composer declined.
std::optional<Composed> claim(SQLite::Database& db, const OutboxItem& item, Composer& composer,
                              const Clock& clock, DeliveryReport& report) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  auto result = composer.compose(item);
  if (auto* reason = std::get_if<std::string>(&result)) {
    set_status(db, item.id, "failed", "", *reason, clock);
    store::append_event(
        db, {"mail.skip", item.recipient, {{"outbox_id", item.id}, {"reason", *reason}}}, clock);
    tx.commit();
    report.outcomes.push_back({item.recipient, "skipped", "", *reason});
    ++report.skipped;
    return std::nullopt;
  }
  auto& composed = std::get<Composed>(result);
  SQLite::Statement q(db,
                      "UPDATE mail_outbox SET status = 'sending', subject = ?, attempts = attempts "
                      "+ 1, updated_at = ? WHERE id = ?");
  q.bind(1, composed.message.subject);
  q.bind(2, format_store_time(clock.now()));
  q.bind(3, item.id);
  q.exec();
  tx.commit();
  return std::move(composed);
}

void record(SQLite::Database& db, const OutboxItem& item, const Composed& composed,
            const std::string& status, const std::string& message_id, const std::string& error,
            const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  set_status(db, item.id, status, message_id, error, clock);
  json details = composed.audit;
  details["outbox_id"] = item.id;
  details["batch"] = item.batch;
  if (!message_id.empty()) details["message_id"] = message_id;
  if (!error.empty()) details["error"] = error;
  const char* action = status == "sent"     ? "mail.send"
                       : status == "failed" ? "mail.failure"
                                            : "mail.retry_later";
  store::append_event(db, {action, item.recipient, details}, clock);
  tx.commit();
}

}  // namespace

bool blocks_every_message(const std::exception& e) {
  const auto* ses = dynamic_cast<const SesError*>(&e);
  if (ses == nullptr) return false;
  const auto& t = ses->type();
  return ses->status() == 403 || t == "AccountSuspendedException" ||
         t == "SendingPausedException" || t == "MailFromDomainNotVerifiedException";
}

std::string new_batch_id() {
  return "b-" + hex_encode(random_bytes(6));
}

void enqueue(SQLite::Database& db, const std::string& batch,
             const std::vector<NewMessage>& messages, const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement q(db,
                      "INSERT INTO mail_outbox(batch, recipient, kind, payload, created_at, "
                      "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch, recipient) DO "
                      "NOTHING");
  for (const auto& m : messages) {
    q.bind(1, batch);
    q.bind(2, m.recipient);
    q.bind(3, m.kind);
    q.bind(4, m.payload.dump());
    q.bind(5, format_store_time(clock.now()));
    q.bind(6, format_store_time(clock.now()));
    q.exec();
    q.reset();
  }
  tx.commit();
}

bool is_queued(SQLite::Database& db, const std::string& recipient, const std::string& kind) {
  SQLite::Statement q(db,
                      "SELECT 1 FROM mail_outbox WHERE recipient = ? AND kind = ? AND status IN "
                      "('pending', 'sending') LIMIT 1");
  q.bind(1, recipient);
  q.bind(2, kind);
  return q.executeStep();
}

std::vector<OutboxItem> list_outbox(SQLite::Database& db, const OutboxFilter& filter) {
  SQLite::Statement q(db, fmt::format("SELECT {} FROM mail_outbox WHERE (?1 IS NULL OR created_at "
                                      ">= ?1) AND (?2 IS NULL OR status = ?2) ORDER BY id",
                                      k_columns));
  if (filter.since) q.bind(1, format_store_time(*filter.since));
  if (filter.status) q.bind(2, *filter.status);
  std::vector<OutboxItem> out;
  while (q.executeStep()) out.push_back(read_item(q));
  return out;
}

std::vector<OutboxItem> list_pending(SQLite::Database& db, const PendingScope& scope) {
  SQLite::Statement q(db, fmt::format("SELECT {} FROM mail_outbox WHERE {} ORDER BY id", k_columns,
                                      k_pending_in_scope));
  bind_scope(q, scope);
  std::vector<OutboxItem> out;
  while (q.executeStep()) out.push_back(read_item(q));
  return out;
}

std::vector<OutboxItem> cancel_pending(SQLite::Database& db, const PendingScope& scope,
                                       bool dry_run, const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  auto items = list_pending(db, scope);
  if (dry_run) return items;
  for (auto& item : items) {
    set_status(db, item.id, "cancelled", "", "", clock);
    store::append_event(
        db, {"mail.cancel", item.recipient, {{"outbox_id", item.id}, {"batch", item.batch}}},
        clock);
    item.status = "cancelled";
  }
  tx.commit();
  return items;
}

DeliveryReport deliver_pending(SQLite::Database& db, const std::filesystem::path& lock_path,
                               Composer& composer, Mailer& mailer, const DeliveryControl& control) {
  LockFile lock(lock_path, "mail delivery (another cs351 is sending the outbox)");
  DeliveryReport report;
  report.scope = control.scope;
  const int total = count_pending(db, control.scope);
  if (total == 0) return report;
  RateLimiter limiter(mailer.send_rate(), mailer.clock(), mailer.sleeper());
  const auto& setup = mailer.setup();
  const auto& from = mailer.require_from();
  int done = 0;
  while (auto item = next_pending(db, control.scope)) {
    if (control.stop_requested && control.stop_requested()) {
      report.interrupted = true;
      break;
    }
    if (control.progress) control.progress(done, total);
    ++done;
    auto composed = claim(db, *item, composer, mailer.clock(), report);
    if (!composed) continue;
    composed->message.from = from;
    composed->message.configuration_set = setup.configuration_set;
    try {
      const auto message_id = with_retries(setup.retry, mailer.sleeper(), [&] {
        limiter.acquire();
        return mailer.ses().send_email(composed->message);
      });
      record(db, *item, *composed, "sent", message_id, "", mailer.clock());
      report.outcomes.push_back({item->recipient, "sent", message_id, ""});
      ++report.sent;
    } catch (const Error& e) {
      if (is_retryable(e) || blocks_every_message(e)) {
        record(db, *item, *composed, "pending", "", e.what(), mailer.clock());
        report.stopped = e;
        break;
      }
      record(db, *item, *composed, "failed", "", e.what(), mailer.clock());
      report.outcomes.push_back({item->recipient, "failed", "", e.what()});
      ++report.failed;
    }
  }
  if (control.progress) control.progress(done, total);
  report.remaining = count_pending(db, control.scope);
  return report;
}

}  // namespace cs351::mail
