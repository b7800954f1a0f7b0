// Who works on the PostgreSQL queue, without a table: every connection of a
// worker process carries the application_name worker_application_name() gives
// ("cs351 worker HOST:PID"), so the server's own pg_stat_activity lists the
// live ones, and a worker that dies drops out as its connections close.

#include <fmt/format.h>
#include <unistd.h>

#include "cs351/autograde/pg_queue.h"

namespace cs351::autograde {

// application_name is visible to every role in pg_stat_activity, even for other users' sessions.
constexpr const char* k_live_workers = R"sql(
SELECT count(DISTINCT application_name) FROM pg_stat_activity
WHERE datname = current_database() AND application_name LIKE 'cs351 worker %')sql";

std::string worker_application_name() {
  // PostgreSQL keeps 63 bytes of it: cut the host name, never the pid.
  const std::string pid = fmt::format(":{}", getpid());
  return "cs351 worker " + host_name().substr(0, 63 - 13 - pid.size()) + pid;
}

WorkerPresence PgQueue::workers(const Clock&) {
  return {m_conn->exec(k_live_workers).int64(0, 0), std::nullopt};
}

}  // namespace cs351::autograde
