#include "cs351/mail/schema.h"

namespace cs351::mail {

// The outbox holds what to send, never a secret: the message body (with its
// link) is composed only at the moment of sending. `sending` marks the one
// message in flight, so a crash leaves at most that one to be sent twice.
// Version 2 moves the times from epoch milliseconds to the store's time text
// (format_store_time); the columns keep their declared INTEGER affinity, which
// leaves such text as text. Version 3 adds `cancelled` (`mail cancel`): SQLite
// cannot change a CHECK in place, so the table is rebuilt.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"mail", 1, R"sql(
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  batch TEXT NOT NULL,
  recipient TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  subject TEXT NOT NULL DEFAULT '',
  message_id TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (batch, recipient)
);
CREATE INDEX mail_outbox_status ON mail_outbox(status, id);
)sql"},
      {"mail", 2, store::epoch_ms_to_store_time("mail_outbox", {"created_at", "updated_at"})},
      {"mail", 3, R"sql(
CREATE TABLE mail_outbox_v3 (
  id INTEGER PRIMARY KEY,
  batch TEXT NOT NULL,
  recipient TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  subject TEXT NOT NULL DEFAULT '',
  message_id TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (batch, recipient)
);
INSERT INTO mail_outbox_v3 SELECT * FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_v3 RENAME TO mail_outbox;
CREATE INDEX mail_outbox_status ON mail_outbox(status, id);
)sql"},
  };
  return list;
}

}  // namespace cs351::mail
