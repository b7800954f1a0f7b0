#include "cs351/auth/schema.h"

namespace cs351::auth {

// Only the SHA-256 of a token is stored. Version 2 moves the times from epoch
// milliseconds to the store's time text (format_store_time); the columns keep
// their declared INTEGER affinity, which leaves such text as text.
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
      {"auth", 2,
       store::epoch_ms_to_store_time("magic_links",
                                     {"created_at", "expires_at", "used_at", "revoked_at"})},
  };
  return list;
}

}  // namespace cs351::auth
