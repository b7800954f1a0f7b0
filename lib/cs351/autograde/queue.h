#pragma once
// The run queue: one interface, two backends (SqliteQueue in the store,
// PgQueue on PostgreSQL for workers on several machines). Whichever holds the
// runs, the rules are the database's, not one process's:
//  - at most one running run per student (a partial unique index backs the claim query),
//  - an enqueue of the same files by the same set of students for one assignment
//    within the dedupe window returns the same run (a double submit); anything
//    else is a new run, queued behind the students' earlier runs,
//  - FIFO otherwise (a student's runs start in the order they were enqueued), except
//    that live runs go before regrade runs (`regrade_of` set): a regrade of a whole
//    class waits while any live submission it could delay is queued,
//  - a result is written only by the worker that holds the run's current lease,
//  - a run whose lease expired fails as "worker lost" and is not replayed by itself.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cs351/autograde/artifacts.h"
#include "cs351/core/clock.h"

namespace cs351::autograde {

enum class RunStatus { queued, running, succeeded, failed, cancelled };
const char* status_name(RunStatus s);
// nullopt for anything but the five names above.
std::optional<RunStatus> parse_status(const std::string& name);
inline bool is_finished(RunStatus s) {
  return s != RunStatus::queued && s != RunStatus::running;
}

struct Run {
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  std::string assignment;
  RunStatus status = RunStatus::queued;
  std::vector<std::string> students;  // lower-case emails, sorted
  std::string submission;             // artifact id of the submission manifest
  std::optional<std::string> gradescope_submission_id;
  TimePoint submitted_at, enqueued_at;
  std::optional<TimePoint> started_at, finished_at, lease_expires_at;
  std::string worker_id;
  int attempt = 0;
  std::optional<double> score;
  std::string error;
  std::optional<std::string> results;  // Gradescope results.json text, once finished
  std::string log;                     // the grader's output, capped
  std::string dedupe_reason;           // why this enqueue started a new run
  int double_submits = 0;              // later enqueues that joined this run
  std::string lease_token;             // PostgreSQL: the claim's fencing token (empty in SQLite)
  std::optional<std::int64_t> regrade_of;  // the run this one regrades (same submission)
};

// One enqueue that reached the queue: the run it started or joined, and why.
struct RunRequest {
  std::int64_t run_id = 0;
  std::optional<std::string> gradescope_submission_id;
  TimePoint received_at;
  bool deduplicated = false;
  std::string reason;
};

struct EnqueueRequest {
  std::int64_t course_id = 0;
  std::string assignment;
  std::vector<std::string> students;  // emails; normalised and checked by enqueue
  std::string submission;
  std::optional<std::string> gradescope_submission_id{};
  std::optional<TimePoint> submitted_at{};  // defaults to now
  std::chrono::milliseconds dedupe_window{2 * 60 * 1000};
  // A regrade of this run: never joins another run, and waits behind live runs.
  std::optional<std::int64_t> regrade_of{};
};

struct EnqueueResult {
  Run run;
  bool deduplicated = false;
  std::string reason;  // "double submit: same files and students as run 12 (35s earlier)"
};

struct Outcome {
  RunStatus status = RunStatus::failed;  // succeeded or failed
  std::optional<double> score;
  std::string error;
  std::string results;  // Gradescope results.json text
  std::string log;
};

struct RunFilter {
  std::optional<RunStatus> status;
  std::optional<std::string> student;
  std::optional<std::string> assignment;
  std::optional<std::int64_t> course_id;
  std::size_t limit = 1000;
};

struct ClaimRequest {
  std::string worker_id;  // host:pid:thread
  std::chrono::milliseconds lease{60'000};
  // Only runs of these assignments (the ones this worker has a grader for); nullopt: any.
  std::optional<std::vector<std::string>> assignments{};
};

// This machine's name as its workers give it (check-ins, claims, PostgreSQL
// connections); "localhost" when the system will not say.
std::string host_name();

// One worker process telling the queue it is alive.
struct WorkerCheckIn {
  std::string host;
  std::int64_t pid = 0;
  // It counts as alive this long after checking in (a few of its poll and heartbeat intervals).
  std::chrono::milliseconds alive_for{60'000};
};

// Who is working on this queue: worker processes alive now, and (where the
// backend keeps it) when one was last seen.
struct WorkerPresence {
  std::int64_t alive = 0;
  std::optional<TimePoint> last_seen;
};

class Queue {
 public:
  virtual ~Queue() = default;

  // Returns the existing run when one (not cancelled) of the course and
  // assignment has the same submission artifact and exactly the same students
  // and was enqueued within the dedupe window; else inserts a new queued run.
  // Either way the request and the reason are recorded. A usage Error for no
  // students or a malformed email.
  virtual EnqueueResult enqueue(const EnqueueRequest& request, const Clock& clock) = 0;

  // First fails every running run whose lease has expired ("worker lost"; the
  // PostgreSQL queue does so at most once a second per connection), then claims
  // the oldest queued run (of the requested assignments) none of whose students
  // is running or has an older queued run. Nullopt when nothing can start now.
  virtual std::optional<Run> claim(const ClaimRequest& request, const Clock& clock) = 0;

  // Extends the lease; false when this worker no longer holds the run (lease
  // expired, cancelled), in which case the worker must stop the grader.
  virtual bool heartbeat(const Run& run, std::chrono::milliseconds lease, const Clock& clock) = 0;

  // Records the outcome only if `run` (its attempt and lease) still holds its lease; false
  // otherwise.
  virtual bool finish(const Run& run, const Outcome& outcome, const Clock& clock) = 0;

  // Fails every running run whose lease expired; returns how many.
  virtual int reap_expired(const Clock& clock) = 0;

  // Queued -> cancelled, running -> cancelled (its worker stops at the next
  // heartbeat). A usage Error for a finished run, a data Error for an unknown one.
  virtual Run cancel(std::int64_t id, const Clock& clock) = 0;
  // Failed or cancelled -> queued again (a new attempt). A usage Error otherwise.
  virtual Run retry(std::int64_t id, const Clock& clock) = 0;

  virtual std::optional<Run> find(std::int64_t id) = 0;
  // Every enqueue that started or joined run `id`, oldest first.
  virtual std::vector<RunRequest> requests(std::int64_t id) = 0;
  // Newest first.
  virtual std::vector<Run> list(const RunFilter& filter) = 0;
  // How many runs are in each status (all five keys present).
  virtual std::vector<std::pair<RunStatus, std::int64_t>> status_counts() = 0;
  // 1-based place of a queued run among all queued runs (0 when not queued).
  virtual std::int64_t position(const Run& run) = 0;
  // Those of `ids` whose run is still queued or running: one query for every answer the bridge
  // holds back, instead of one per answer.
  virtual std::vector<std::int64_t> unfinished_among(const std::vector<std::int64_t>& ids) = 0;

  // A worker process checks in on each poll and heartbeat, and out when it stops.
  // The SQLite queue keeps a row per process; on PostgreSQL the worker's own
  // connections say who they are (worker_application_name), so these do nothing.
  virtual void check_in(const WorkerCheckIn& worker, const Clock& clock);
  virtual void check_out(const WorkerCheckIn& worker, const Clock& clock);
  virtual WorkerPresence workers(const Clock& clock) = 0;

  // Where this queue keeps submissions (content-addressed; every worker reads them here).
  virtual const ArtifactStore& artifacts() = 0;

  // An idle worker waits here for work: until `timeout` passes, `stop` is set, or
  // (where the backend can tell) something may have become claimable.
  virtual void wait_for_work(std::chrono::milliseconds timeout, const std::atomic<bool>& stop);
};

// Opens one queue connection; each worker thread and bridge request needs its own.
using QueueFactory = std::function<std::unique_ptr<Queue>()>;

// Like Queue::find; a data Error (exit 65) for an unknown id.
Run require_run(Queue& queue, std::int64_t id);

}  // namespace cs351::autograde
