#pragma once
// The run queue in the store. Every write is one short BEGIN IMMEDIATE
// transaction; the rules it keeps under any number of processes:
//  - at most one running run per student (a partial unique index backs the claim query),
//  - an enqueue of the same files by the same set of students for one assignment
//    within the dedupe window returns the same run (a double submit); anything
//    else is a new run, queued behind the students' earlier runs,
//  - FIFO otherwise (a student's runs start in the order they were enqueued),
//  - a result is written only by the worker that holds the run's current lease,
//  - a run whose lease expired fails as "worker lost" and is not replayed by itself.

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// The hot path of the queue on one connection, with its statements prepared
// once (re-parsing them and their trigger cost more than running them).
class RunQueue {
 public:
  explicit RunQueue(SQLite::Database& db);
  ~RunQueue();
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // Returns the existing run when one (not cancelled) of the course and
  // assignment has the same submission artifact and exactly the same students
  // and was enqueued within the dedupe window; else inserts a new queued run.
  // Either way the request and the reason are recorded. A usage Error for no
  // students or a malformed email.
  EnqueueResult enqueue(const EnqueueRequest& request, const Clock& clock);

  // First fails every running run whose lease has expired ("worker lost"), then
  // claims the oldest queued run none of whose students is running or has an
  // older queued run. Nullopt when nothing can start now.
  std::optional<Run> claim(const std::string& worker_id, std::chrono::milliseconds lease,
                           const Clock& clock);

  // Extends the lease; false when this worker no longer holds the run (lease
  // expired, cancelled), in which case the worker must stop the grader.
  bool heartbeat(const Run& run, std::chrono::milliseconds lease, const Clock& clock);

  // Records the outcome only if `run` (id, worker, attempt) still holds its lease; false otherwise.
  bool finish(const Run& run, const Outcome& outcome, const Clock& clock);

  std::optional<Run> find(std::int64_t id);

 private:
  // Whether an enqueue joins an earlier run (`same_run`) or starts one, and why.
  struct Decision {
    std::optional<std::int64_t> same_run;
    std::string reason;
  };
  SQLite::Statement& statement(const char* sql);
  Decision decide(const EnqueueRequest& request, const std::vector<std::string>& students,
                  TimePoint now);
  Decision explain_new_run(const EnqueueRequest& request, const std::vector<std::string>& students,
                           TimePoint now);
  std::int64_t insert_run(const EnqueueRequest& request, const std::vector<std::string>& students,
                          const std::string& reason, TimePoint now);

  SQLite::Database& m_db;
  std::vector<std::pair<const char*, std::unique_ptr<SQLite::Statement>>> m_statements;
};

// Fails every running run whose lease expired; returns how many.
int reap_expired(SQLite::Database& db, const Clock& clock);

// Queued -> cancelled, running -> cancelled (its worker stops at the next
// heartbeat). A usage Error for a finished run, a data Error for an unknown one.
Run cancel(SQLite::Database& db, std::int64_t id, const Clock& clock);
// Failed or cancelled -> queued again (a new attempt). A usage Error otherwise.
Run retry(SQLite::Database& db, std::int64_t id, const Clock& clock);

std::optional<Run> find_run(SQLite::Database& db, std::int64_t id);
// Every enqueue that started or joined run `id`, oldest first.
std::vector<RunRequest> run_requests(SQLite::Database& db, std::int64_t id);
// Like find_run; a data Error (exit 65) for an unknown id.
Run require_run(SQLite::Database& db, std::int64_t id);

struct RunFilter {
  std::optional<RunStatus> status;
  std::optional<std::string> student;
  std::optional<std::string> assignment;
  std::optional<std::int64_t> course_id;
  std::size_t limit = 1000;
};
// Newest first.
std::vector<Run> list_runs(SQLite::Database& db, const RunFilter& filter);

// How many runs are in each status (all five keys present).
std::vector<std::pair<RunStatus, std::int64_t>> status_counts(SQLite::Database& db);

// 1-based place of a queued run among all queued runs (0 when not queued).
std::int64_t queue_position(SQLite::Database& db, const Run& run);

}  // namespace cs351::autograde
