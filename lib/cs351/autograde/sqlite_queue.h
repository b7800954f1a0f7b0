#pragma once
// The queue in the SQLite store (one machine). Every write is one short BEGIN
// IMMEDIATE transaction; a partial unique index on autograde_run_students
// (status mirrored by a trigger) backs "one running run per student".
// Submissions live in the artifact area beside the store.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "cs351/autograde/queue.h"
#include "cs351/autograde/queue_rules.h"

namespace cs351::autograde {

// The hot path on one connection, with its statements prepared once
// (re-parsing them and their trigger cost more than running them).
class SqliteQueue : public Queue {
 public:
  SqliteQueue(SQLite::Database& db, std::filesystem::path artifacts_root);
  ~SqliteQueue() override;
  SqliteQueue(const SqliteQueue&) = delete;
  SqliteQueue& operator=(const SqliteQueue&) = delete;

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
  void check_in(const WorkerCheckIn& worker, const Clock& clock) override;
  void check_out(const WorkerCheckIn& worker, const Clock& clock) override;
  WorkerPresence workers(const Clock& clock) override;
  const ArtifactStore& artifacts() override;
  // Returns as soon as another connection committed (a run may have been enqueued).
  void wait_for_work(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) override;

 private:
  std::int64_t data_version();
  // Whether an enqueue joins an earlier run (`same_run`) or starts one, and why.
  struct Decision {
    std::optional<std::int64_t> same_run;
    std::string reason;
  };
  SQLite::Statement& statement(const char* sql);
  Decision decide(const EnqueueRequest& request, const std::vector<std::string>& students,
                  TimePoint now);
  std::optional<Overlap> overlap(const EnqueueRequest& request,
                                 const std::vector<std::string>& students, TimePoint now);
  std::int64_t insert_run(const EnqueueRequest& request, const std::vector<std::string>& students,
                          const std::string& reason, TimePoint now);

  SQLite::Database& m_db;
  ArtifactStore m_artifacts;
  std::vector<std::pair<const char*, std::unique_ptr<SQLite::Statement>>> m_statements;
};

// The same operations on a bare connection (the store's migration tests use them).
int reap_expired(SQLite::Database& db, const Clock& clock);
Run cancel(SQLite::Database& db, std::int64_t id, const Clock& clock);
Run retry(SQLite::Database& db, std::int64_t id, const Clock& clock);
std::optional<Run> find_run(SQLite::Database& db, std::int64_t id);
std::vector<RunRequest> run_requests(SQLite::Database& db, std::int64_t id);
Run require_run(SQLite::Database& db, std::int64_t id);
std::vector<Run> list_runs(SQLite::Database& db, const RunFilter& filter);
std::vector<std::pair<RunStatus, std::int64_t>> status_counts(SQLite::Database& db);
std::int64_t queue_position(SQLite::Database& db, const Run& run);

}  // namespace cs351::autograde
