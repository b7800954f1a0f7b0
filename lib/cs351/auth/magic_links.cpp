#include "cs351/auth/magic_links.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/email.h"
#include "cs351/store/events.h"
#include "cs351/store/time_column.h"

namespace cs351::auth {
namespace {

using std::chrono::milliseconds;

struct StoredToken {
  std::int64_t id;
  std::string token_id;
  std::int64_t person_id;
  Purpose purpose;
  TimePoint expires_at;
  bool used, revoked;
};

std::optional<StoredToken> find_token(SQLite::Database& db, const std::string& hash) {
  SQLite::Statement q(db,
                      "SELECT id, token_id, person_id, purpose, expires_at, used_at IS NOT NULL, "
                      "revoked_at IS NOT NULL FROM magic_links WHERE token_hash = ?");
  q.bind(1, hash);
  if (!q.executeStep()) return std::nullopt;
  return StoredToken{q.getColumn(0).getInt64(),        q.getColumn(1).getString(),
                     q.getColumn(2).getInt64(),        parse_purpose(q.getColumn(3).getString()),
                     store::read_time(q.getColumn(4)), q.getColumn(5).getInt() != 0,
                     q.getColumn(6).getInt() != 0};
}

[[noreturn]] void reject(SQLite::Database& db, const std::string& subject,
                         const std::string& token_id, const std::string& step, Rejection why,
                         const Clock& clock) {
  store::append_event(db,
                      {"magic_link.reject",
                       subject,
                       {{"step", step}, {"token_id", token_id}, {"reason", rejection_text(why)}}},
                      clock);
  throw auth_error(fmt::format("token refused: {}", rejection_text(why)));
}

// The checks verify and redeem share, in the order a user would want them told.
TokenIdentity check(SQLite::Database& db, const std::string& token, std::optional<Purpose> wanted,
                    const std::string& step, const Clock& clock) {
  std::string hash;
  try {
    hash = hash_token(token);
  } catch (const Error&) {
    store::append_event(
        db, {"magic_link.reject", "", {{"step", step}, {"reason", "malformed token"}}}, clock);
    throw;
  }
  const auto stored = find_token(db, hash);
  if (!stored) reject(db, "", "", step, Rejection::unknown, clock);
  const auto person = find_person(db, stored->person_id);
  const std::string who = person ? person->email : "";
  if (stored->used) reject(db, who, stored->token_id, step, Rejection::used, clock);
  if (stored->revoked) reject(db, who, stored->token_id, step, Rejection::revoked, clock);
  if (clock.now() >= stored->expires_at)
    reject(db, who, stored->token_id, step, Rejection::expired, clock);
  if (wanted && *wanted != stored->purpose) {
    reject(db, who, stored->token_id, step, Rejection::wrong_purpose, clock);
  }
  auto roles = eligible_roles(db, stored->person_id, stored->purpose);
  if (!person || roles.empty())
    reject(db, who, stored->token_id, step, Rejection::not_eligible, clock);
  return TokenIdentity{person->email,    person->name,       stored->purpose,
                       stored->token_id, stored->expires_at, std::move(roles)};
}

void log_step(SQLite::Database& db, const std::string& action, const TokenIdentity& id,
              const Clock& clock) {
  store::append_event(
      db, {action, id.email, {{"token_id", id.token_id}, {"purpose", purpose_name(id.purpose)}}},
      clock);
}

}  // namespace

const char* rejection_text(Rejection r) {
  switch (r) {
    case Rejection::unknown:
      return "unknown token";
    case Rejection::expired:
      return "expired";
    case Rejection::used:
      return "already used";
    case Rejection::revoked:
      return "revoked";
    case Rejection::wrong_purpose:
      return "wrong purpose";
    case Rejection::not_eligible:
      return "not eligible";
  }
  return "refused";
}

IssuedToken issue_token(SQLite::Database& db, std::int64_t person_id, Purpose purpose,
                        milliseconds ttl, const Clock& clock) {
  const auto now = clock.now();
  SQLite::Statement revoke(
      db,
      "UPDATE magic_links SET revoked_at = ? WHERE person_id = ? AND purpose = ? "
      "AND used_at IS NULL AND revoked_at IS NULL");
  revoke.bind(1, format_store_time(now));
  revoke.bind(2, person_id);
  revoke.bind(3, purpose_name(purpose));
  revoke.exec();
  const auto token = generate_token();
  SQLite::Statement insert(db,
                           "INSERT INTO magic_links(token_id, token_hash, person_id, purpose, "
                           "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, token.id);
  insert.bind(2, token.hash);
  insert.bind(3, person_id);
  insert.bind(4, purpose_name(purpose));
  insert.bind(5, format_store_time(now));
  insert.bind(6, format_store_time(now + ttl));
  insert.exec();
  const auto person = find_person(db, person_id);
  store::append_event(db,
                      {"magic_link.issue",
                       person ? person->email : "",
                       {{"token_id", token.id},
                        {"purpose", purpose_name(purpose)},
                        {"expires_at", format_store_time(now + ttl)}}},
                      clock);
  return IssuedToken{token.plaintext, token.id, now + ttl};
}

TokenIdentity verify_token(SQLite::Database& db, const std::string& token, const Clock& clock) {
  auto identity = check(db, token, std::nullopt, "verify", clock);
  log_step(db, "magic_link.verify", identity, clock);
  return identity;
}

TokenIdentity redeem_token(SQLite::Database& db, const std::string& token, Purpose purpose,
                           const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  std::optional<TokenIdentity> identity;
  try {
    identity = check(db, token, purpose, "redeem", clock);
  } catch (const Error&) {
    tx.commit();  // keep the rejection event
    throw;
  }
  SQLite::Statement consume(
      db,
      "UPDATE magic_links SET used_at = ?1 WHERE token_id = ?2 AND used_at IS "
      "NULL AND revoked_at IS NULL AND expires_at > ?1");
  consume.bind(1, format_store_time(clock.now()));
  consume.bind(2, identity->token_id);
  if (consume.exec() != 1) throw auth_error("token refused: already used");
  log_step(db, "magic_link.redeem", *identity, clock);
  tx.commit();
  return *identity;
}

int revoke_tokens(SQLite::Database& db, const std::string& email, std::optional<Purpose> purpose,
                  const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const auto person = find_person(db, email);
  int count = 0;
  if (person) {
    SQLite::Statement q(db,
                        "UPDATE magic_links SET revoked_at = ? WHERE person_id = ? AND (?3 IS NULL "
                        "OR purpose = ?3) AND used_at IS NULL AND revoked_at IS NULL");
    q.bind(1, format_store_time(clock.now()));
    q.bind(2, person->id);
    if (purpose) q.bind(3, purpose_name(*purpose));
    count = q.exec();
  }
  nlohmann::json details{{"revoked", count}};
  if (purpose) details["purpose"] = purpose_name(*purpose);
  store::append_event(db, {"magic_link.revoke", roster::normalize_email(email), details}, clock);
  tx.commit();
  return count;
}

std::vector<TokenRow> list_tokens(SQLite::Database& db, const TokenFilter& filter,
                                  const Clock& clock) {
  SQLite::Statement q(db, R"sql(
SELECT token_id, email, purpose, status, created_at, expires_at, used_at FROM (
  SELECT m.id, m.token_id, p.email, m.purpose, m.created_at, m.expires_at, m.used_at,
         CASE WHEN m.used_at IS NOT NULL THEN 'used' WHEN m.revoked_at IS NOT NULL THEN 'revoked'
              WHEN m.expires_at <= ?1 THEN 'expired' ELSE 'active' END AS status
  FROM magic_links m JOIN people p ON p.id = m.person_id
  WHERE ?2 IS NULL OR m.person_id IN (SELECT person_id FROM enrollments WHERE course_id = ?2))
WHERE ?3 IS NULL OR status = ?3 ORDER BY id)sql");
  q.bind(1, format_store_time(clock.now()));
  if (filter.course_id) q.bind(2, *filter.course_id);
  if (filter.status) q.bind(3, *filter.status);
  std::vector<TokenRow> out;
  while (q.executeStep()) {
    TokenRow r{q.getColumn(0).getString(),
               q.getColumn(1).getString(),
               q.getColumn(2).getString(),
               q.getColumn(3).getString(),
               store::read_time(q.getColumn(4)),
               store::read_time(q.getColumn(5)),
               std::nullopt};
    r.used_at = store::read_optional_time(q.getColumn(6));
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<TimePoint> last_issued(SQLite::Database& db, std::int64_t person_id) {
  SQLite::Statement q(db, "SELECT max(created_at) FROM magic_links WHERE person_id = ?");
  q.bind(1, person_id);
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return store::read_time(q.getColumn(0));
}

}  // namespace cs351::auth
