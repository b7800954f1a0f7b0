#pragma once
// The token lifecycle in the store: issue, verify (read only), redeem (consume
// atomically), revoke, list. Every step is an `events` row naming the token id,
// never the token.

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cs351/auth/eligibility.h"
#include "cs351/auth/token.h"
#include "cs351/core/clock.h"

namespace cs351::auth {

struct IssuedToken {
  std::string token;  // plaintext: for the email only
  std::string token_id;
  TimePoint expires_at{};
};

// Stores a new token for `person_id` and revokes that person's older unused
// tokens of the same purpose. Call inside the caller's transaction.
IssuedToken issue_token(SQLite::Database& db, std::int64_t person_id, Purpose purpose,
                        std::chrono::milliseconds ttl, const Clock& clock);

struct TokenIdentity {
  std::string email;
  std::string name;
  Purpose purpose = Purpose::login;
  std::string token_id;
  TimePoint expires_at{};
  std::vector<CourseRole> roles;
};

// Why a token was refused (exit 77), or malformed (exit 65 from hash_token).
enum class Rejection { unknown, expired, used, revoked, wrong_purpose, not_eligible };
const char* rejection_text(Rejection r);

// Whom a token is for, without consuming it (the GET of a confirm page).
// Throws an auth Error (77) with the reason when it would not redeem.
TokenIdentity verify_token(SQLite::Database& db, const std::string& token, const Clock& clock);

// Consumes the token for `purpose` in one IMMEDIATE transaction; redeeming an
// onboarding link completes onboarding. Throws like verify_token, plus wrong purpose.
TokenIdentity redeem_token(SQLite::Database& db, const std::string& token, Purpose purpose,
                           const Clock& clock);

// Revokes `email`'s unused tokens (of `purpose` when given); returns how many.
int revoke_tokens(SQLite::Database& db, const std::string& email, std::optional<Purpose> purpose,
                  const Clock& clock);

struct TokenRow {
  std::string token_id;
  std::string email;
  std::string purpose;
  std::string status;  // active | used | expired | revoked
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> used_at;
};

struct TokenFilter {
  std::optional<std::int64_t> course_id;  // people enrolled in it (any role or status)
  std::optional<std::string> status;
};
std::vector<TokenRow> list_tokens(SQLite::Database& db, const TokenFilter& filter,
                                  const Clock& clock);

// When `person_id` was last issued any token; nullopt when never.
std::optional<TimePoint> last_issued(SQLite::Database& db, std::int64_t person_id);

}  // namespace cs351::auth
