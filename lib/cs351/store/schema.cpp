#include "cs351/store/schema.h"

namespace cs351::store {

const Migrations& migrations() {
  static const Migrations list{
      {"store", 1, R"sql(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_action ON events(action, at);
CREATE INDEX events_subject ON events(subject, at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)sql"},
  };
  return list;
}

}  // namespace cs351::store
