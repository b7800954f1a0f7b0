// The SQLite queue's worker registry (autograde_workers, schema version 4): a
// worker process upserts its row as it polls and beats and ends its alive_until
// when it stops; one killed without a word drops out when alive_until passes.
// Rows stay a week, so `autograde wait` can say when a worker was last seen.

#include <SQLiteCpp/SQLiteCpp.h>

#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/time_format.h"
#include "cs351/store/time_column.h"

namespace cs351::autograde {
namespace {

constexpr const char* k_check_in = R"sql(
INSERT INTO autograde_workers(host, pid, last_seen, alive_until) VALUES (?, ?, ?, ?)
ON CONFLICT(host, pid) DO UPDATE SET last_seen = excluded.last_seen,
                                     alive_until = excluded.alive_until)sql";

constexpr const char* k_check_out =
    "UPDATE autograde_workers SET last_seen = ?1, alive_until = ?1 WHERE host = ?2 AND pid = ?3";
constexpr const char* k_forget_old = "DELETE FROM autograde_workers WHERE alive_until < ?";

constexpr const char* k_presence = R"sql(
SELECT count(*) FILTER (WHERE alive_until > ?), max(last_seen) FROM autograde_workers)sql";

}  // namespace

void SqliteQueue::check_in(const WorkerCheckIn& worker, const Clock& clock) {
  const TimePoint now = clock.now();
  auto& q = statement(k_check_in);
  q.bind(1, worker.host);
  q.bind(2, worker.pid);
  q.bind(3, format_store_time(now));
  q.bind(4, format_store_time(now + worker.alive_for));
  q.exec();
}

void SqliteQueue::check_out(const WorkerCheckIn& worker, const Clock& clock) {
  const TimePoint now = clock.now();
  auto& q = statement(k_check_out);
  q.bind(1, format_store_time(now));
  q.bind(2, worker.host);
  q.bind(3, worker.pid);
  q.exec();
  auto& old = statement(k_forget_old);
  old.bind(1, format_store_time(now - std::chrono::hours(24 * 7)));
  old.exec();
}

WorkerPresence SqliteQueue::workers(const Clock& clock) {
  auto& q = statement(k_presence);
  q.bind(1, format_store_time(clock.now()));
  q.executeStep();
  WorkerPresence presence{q.getColumn(0).getInt64(), store::read_optional_time(q.getColumn(1))};
  q.reset();  // a statement left stepping would hold this connection's read snapshot
  return presence;
}

}  // namespace cs351::autograde
