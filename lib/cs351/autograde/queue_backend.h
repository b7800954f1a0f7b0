#pragma once
// Which queue the config names: `autograde.queue_url` unset is the SQLite
// store's queue (one machine); set, a PostgreSQL queue that workers on several
// machines share. The password comes only from libpq's own sources (PGPASSWORD,
// ~/.pgpass) or `autograde.password_command`; a URL holding one is refused.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cs351/autograde/pg_connection.h"
#include "cs351/autograde/queue.h"
#include "cs351/core/config.h"
#include "cs351/store/store.h"

namespace cs351::autograde {

// Opens a queue connection for one thread; `local` is that thread's store (the
// SQLite queue lives in it; a PostgreSQL queue only uses it for nothing else).
using QueueOpener = std::function<std::unique_ptr<Queue>(store::Store& local)>;

// Who opens the queue: a worker's PostgreSQL connections name themselves
// (worker_application_name) so that `autograde wait` can see them.
enum class QueueUser { client, worker };

// Reads the backend settings once (running password_command, if any, now).
// Config Error (78) for a URL with a password in it or a failing password_command.
QueueOpener queue_opener(const Config& config, QueueUser user = QueueUser::client);

// The same, opened once on `local`.
std::unique_ptr<Queue> open_queue(const Config& config, store::Store& local);

// The PostgreSQL target the config names; nullopt for the SQLite queue.
std::optional<PgTarget> pg_target(const Config& config);

// `autograde migrate`: creates or upgrades the PostgreSQL queue's schema.
// Nullopt for the SQLite queue (migrated with the store whenever it is opened).
// A config Error (78) when the database holds a newer schema than this binary knows.
struct QueueMigration {
  std::string where;  // the URL without any password
  int from = 0;
  int to = 0;
};
std::optional<QueueMigration> migrate_queue(const Config& config);

// Where the queue is, for messages: "SQLite store /path/cs351.db" or
// "PostgreSQL postgresql://user@host/db" (never a password).
std::string queue_description(const Config& config, const store::Store& local);

}  // namespace cs351::autograde
