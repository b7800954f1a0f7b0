#pragma once
// The queue on PostgreSQL, for workers on several machines. The same rules as
// the SQLite queue, kept by the database: claims take the oldest claimable run
// with FOR UPDATE SKIP LOCKED, a partial unique index refuses a second running
// run per student, enqueues of one assignment are serialised by an advisory
// lock (so a double submit is one run), and every worker write is fenced by
// the claim's lease token and attempt. Submissions are blobs in the database,
// so any worker host can fetch them. Idle workers LISTEN for new work. A claim
// is one round trip, an enqueue two; statements are prepared once per connection.

#include <cstdint>
#include <memory>
#include <string>

#include "cs351/autograde/pg_connection.h"
#include "cs351/autograde/queue.h"

namespace cs351::autograde {

// "cs351 worker HOST:PID": the application_name of a worker process's
// connections, by which PgQueue::workers finds the live ones.
std::string worker_application_name();

class PgQueue : public Queue {
 public:
  // Connects (Error 69 when the server cannot be reached) and checks the schema
  // (78 when `cs351 autograde migrate` is needed). A blob over `max_blob` bytes is refused.
  PgQueue(const PgTarget& target, std::uint64_t max_blob);

  EnqueueResult enqueue(const EnqueueRequest& request, const Clock& clock) override;
  std::optional<Run> claim(const ClaimRequest& request, const Clock& clock) override;
  bool heartbeat(const Run& run, std::chrono::milliseconds lease, const Clock& clock) override;
  bool finish(const Run& run, const Outcome& outcome, const Clock& clock) override;
  int reap_expired(const Clock& clock) override;
  Run cancel(std::int64_t id, const Clock& clock) override;
  Run retry(std::int64_t id, const Clock& clock) override;
  std::optional<Run> find(std::int64_t id) override;
  std::vector<RunRequest> requests(std::int64_t id) override;
  std::vector<Run> list(const RunFilter& filter) override;
  std::vector<std::pair<RunStatus, std::int64_t>> status_counts() override;
  std::int64_t position(const Run& run) override;
  std::vector<std::int64_t> unfinished_among(const std::vector<std::int64_t>& ids) override;
  // Worker processes connected now (pg_workers.cpp).
  WorkerPresence workers(const Clock& clock) override;
  const ArtifactStore& artifacts() override;
  // Waits for a NOTIFY on autograde_runs (a new run, or one that stopped running).
  void wait_for_work(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) override;

 private:
  static constexpr std::chrono::seconds k_reap_interval{1};
  // Whether a claim at `now` fails expired leases first (see claim).
  bool reap_due(TimePoint now) const;

  std::shared_ptr<PgConnection> m_conn;
  std::optional<TimePoint> m_reaped_at;  // this connection's last reap
  ArtifactStore m_artifacts;
};

}  // namespace cs351::autograde
