#include "cs351/auth/schema.h"

namespace cs351::auth {

// Only the SHA-256 of a token is stored; times are Unix milliseconds.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"auth", 1, R"sql(
CREATE TABLE magic_links (
  id INTEGER PRIMARY KEY,
  token_id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('login', 'onboard')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX magic_links_person ON magic_links(person_id, purpose);
)sql"},
  };
  return list;
}

}  // namespace cs351::auth
