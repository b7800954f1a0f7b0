#include "cs351/autograde/sqlite_queue.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cs351/autograde/queue_rules.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/email.h"
#include "cs351/store/events.h"
#include "cs351/store/time_column.h"

namespace cs351::autograde {
namespace {

constexpr const char* k_select_run = R"sql(
SELECT r.id, r.course_id, r.assignment, r.status, r.submission, r.gradescope_submission_id,
       r.submitted_at, r.enqueued_at, r.started_at, r.finished_at, r.worker_id, r.attempt,
       r.lease_expires_at, r.score, r.error, r.results, r.log,
       (SELECT group_concat(email, ',') FROM
          (SELECT email FROM autograde_run_students WHERE run_id = r.id ORDER BY email)),
       r.dedupe_reason,
       (SELECT count(*) FROM autograde_run_requests q WHERE q.run_id = r.id AND q.deduplicated),
       r.regrade_of
FROM autograde_runs r)sql";

const std::string k_find_run_sql = std::string(k_select_run) + " WHERE r.id = ?";
const char* const k_find_run = k_find_run_sql.c_str();

std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Run read_run(SQLite::Statement& q) {
  Run r;
  r.id = q.getColumn(0).getInt64();
  r.course_id = q.getColumn(1).getInt64();
  r.assignment = q.getColumn(2).getString();
  r.status = parse_status(q.getColumn(3).getString()).value_or(RunStatus::failed);
  r.submission = q.getColumn(4).getString();
  r.gradescope_submission_id = optional_text(q.getColumn(5));
  r.submitted_at = store::read_time(q.getColumn(6));
  r.enqueued_at = store::read_time(q.getColumn(7));
  r.started_at = store::read_optional_time(q.getColumn(8));
  r.finished_at = store::read_optional_time(q.getColumn(9));
  r.worker_id = q.getColumn(10).isNull() ? "" : q.getColumn(10).getString();
  r.attempt = q.getColumn(11).getInt();
  r.lease_expires_at = store::read_optional_time(q.getColumn(12));
  if (!q.getColumn(13).isNull()) r.score = q.getColumn(13).getDouble();
  r.error = q.getColumn(14).getString();
  r.results = optional_text(q.getColumn(15));
  r.log = q.getColumn(16).getString();
  if (!q.getColumn(17).isNull()) r.students = split(q.getColumn(17).getString(), ',');
  r.dedupe_reason = q.getColumn(18).getString();
  r.double_submits = q.getColumn(19).getInt();
  if (!q.getColumn(20).isNull()) r.regrade_of = q.getColumn(20).getInt64();
  return r;
}

constexpr const char* k_find_same = R"sql(
SELECT id, enqueued_at FROM autograde_runs
WHERE course_id = ?1 AND assignment = ?2 AND submission = ?3 AND students_key = ?4
  AND status <> 'cancelled' AND regrade_of IS NULL AND enqueued_at >= ?5
ORDER BY id LIMIT 1)sql";

// The latest other run within the window that shares a student: the reason a new run is new.
constexpr const char* k_find_overlap = R"sql(
SELECT r.id, r.submission, r.students_key FROM autograde_run_students s
JOIN autograde_runs r ON r.id = s.run_id
WHERE s.email IN (SELECT value FROM json_each(?1)) AND r.course_id = ?2 AND r.assignment = ?3
  AND r.status <> 'cancelled' AND r.enqueued_at >= ?4
ORDER BY r.id DESC LIMIT 1)sql";

constexpr const char* k_insert_run = R"sql(
INSERT INTO autograde_runs(course_id, assignment, submission, gradescope_submission_id, submitted_at,
  enqueued_at, students_key, dedupe_reason, regrade_of)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?))sql";

constexpr const char* k_insert_request = R"sql(
INSERT INTO autograde_run_requests(run_id, gradescope_submission_id, received_at, deduplicated, reason)
VALUES (?, ?, ?, ?, ?))sql";

constexpr const char* k_insert_student =
    "INSERT INTO autograde_run_students(run_id, email) VALUES (?, ?)";

// Starts the first queued run (of the assignments in ?4, a JSON array; NULL: any) none of
// whose students is running or waits in an earlier run. Live runs come before regrade
// runs, then oldest first: the order is (regrade_of IS NOT NULL, id).
constexpr const char* k_start_next = R"sql(
UPDATE autograde_runs SET status = 'running', worker_id = ?1, attempt = attempt + 1, started_at = ?2,
  lease_expires_at = ?3, finished_at = NULL, error = ''
WHERE id = (
  SELECT r.id FROM autograde_runs r
  WHERE r.status = 'queued' AND (?4 IS NULL OR r.assignment IN (SELECT value FROM json_each(?4)))
    AND NOT EXISTS (
      SELECT 1 FROM autograde_run_students mine
      JOIN autograde_run_students other ON other.email = mine.email
      JOIN autograde_runs o ON o.id = other.run_id
      WHERE mine.run_id = r.id
        AND (other.status = 'running'
             OR (other.status = 'queued'
                 AND ((o.regrade_of IS NOT NULL), other.run_id)
                     < ((r.regrade_of IS NOT NULL), r.id))))
  ORDER BY (r.regrade_of IS NOT NULL), r.id LIMIT 1)
RETURNING id)sql";

constexpr const char* k_fail_expired = R"sql(
UPDATE autograde_runs SET status = 'failed', error = 'worker lost', finished_at = ?1, lease_expires_at = NULL
WHERE status = 'running' AND lease_expires_at < ?1)sql";

// Every write by a worker is conditional on still holding the lease.
constexpr const char* k_heartbeat = R"sql(
UPDATE autograde_runs SET lease_expires_at = ?
WHERE id = ? AND worker_id = ? AND attempt = ? AND status = 'running' AND lease_expires_at >= ?)sql";

constexpr const char* k_finish = R"sql(
UPDATE autograde_runs SET status = ?, score = ?, error = ?, results = ?, log = ?, finished_at = ?,
  lease_expires_at = NULL
WHERE id = ? AND worker_id = ? AND attempt = ? AND status = 'running' AND lease_expires_at >= ?)sql";

int fail_expired(SQLite::Database& db, TimePoint now) {
  SQLite::Statement q(db, k_fail_expired);
  q.bind(1, format_store_time(now));
  return q.exec();
}

}  // namespace

SqliteQueue::SqliteQueue(SQLite::Database& db, std::filesystem::path artifacts_root)
    : m_db(db), m_artifacts(std::move(artifacts_root)) {}
SqliteQueue::~SqliteQueue() = default;

SQLite::Statement& SqliteQueue::statement(const char* sql) {
  for (auto& [text, stmt] : m_statements) {
    if (text == sql) {
      stmt->reset();
      stmt->clearBindings();
      return *stmt;
    }
  }
  return *m_statements.emplace_back(sql, std::make_unique<SQLite::Statement>(m_db, sql)).second;
}

std::optional<Run> SqliteQueue::find(std::int64_t id) {
  auto& q = statement(k_find_run);
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  Run run = read_run(q);
  q.reset();  // an unfinished SELECT would keep this connection's read snapshot open
  return run;
}

SqliteQueue::Decision SqliteQueue::decide(const EnqueueRequest& request,
                                          const std::vector<std::string>& students, TimePoint now) {
  const std::string key = students_key(students);
  if (request.regrade_of) return {std::nullopt, regrade_reason(*request.regrade_of)};
  if (request.dedupe_window.count() > 0) {
    auto& same = statement(k_find_same);
    same.bind(1, request.course_id);
    same.bind(2, request.assignment);
    same.bind(3, request.submission);
    same.bind(4, key);
    same.bind(5, format_store_time(now - request.dedupe_window));
    std::optional<Decision> d;
    if (same.executeStep()) {
      const auto id = same.getColumn(0).getInt64();
      d = Decision{id,
                   double_submit_reason(id, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                now - store::read_time(same.getColumn(1))))};
    }
    same.reset();
    if (d) return *d;
  }
  return {std::nullopt, new_run_reason(request.dedupe_window, overlap(request, students, now),
                                       request.submission, key)};
}

// The latest run within the window that this one is not a double submit of; the
// new run queues behind it.
std::optional<Overlap> SqliteQueue::overlap(const EnqueueRequest& request,
                                            const std::vector<std::string>& students,
                                            TimePoint now) {
  if (request.dedupe_window.count() <= 0) return std::nullopt;
  auto& q = statement(k_find_overlap);
  q.bind(1, nlohmann::json(students).dump());
  q.bind(2, request.course_id);
  q.bind(3, request.assignment);
  q.bind(4, format_store_time(now - request.dedupe_window));
  std::optional<Overlap> found;
  if (q.executeStep())
    found =
        Overlap{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
  q.reset();
  return found;
}

std::int64_t SqliteQueue::insert_run(const EnqueueRequest& request,
                                     const std::vector<std::string>& students,
                                     const std::string& reason, TimePoint now) {
  auto& ins = statement(k_insert_run);
  ins.bind(1, request.course_id);
  ins.bind(2, request.assignment);
  ins.bind(3, request.submission);
  if (request.gradescope_submission_id) ins.bind(4, *request.gradescope_submission_id);
  ins.bind(5, format_store_time(request.submitted_at.value_or(now)));
  ins.bind(6, format_store_time(now));
  ins.bind(7, students_key(students));
  ins.bind(8, reason);
  if (request.regrade_of) ins.bind(9, *request.regrade_of);
  ins.exec();
  const std::int64_t id = m_db.getLastInsertRowid();
  for (const auto& s : students) {
    auto& member = statement(k_insert_student);
    member.bind(1, id);
    member.bind(2, s);
    member.exec();
  }
  return id;
}

EnqueueResult SqliteQueue::enqueue(const EnqueueRequest& request, const Clock& clock) {
  const auto students = normalised_students(request.students);
  SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
  const TimePoint now = clock.now();
  const Decision d = decide(request, students, now);
  const std::int64_t id = d.same_run ? *d.same_run : insert_run(request, students, d.reason, now);
  auto& req = statement(k_insert_request);
  req.bind(1, id);
  if (request.gradescope_submission_id) req.bind(2, *request.gradescope_submission_id);
  req.bind(3, format_store_time(now));
  req.bind(4, d.same_run ? 1 : 0);
  req.bind(5, d.reason);
  req.exec();
  EnqueueResult result{*find(id), d.same_run.has_value(), d.reason};
  tx.commit();
  return result;
}

std::optional<Run> SqliteQueue::claim(const ClaimRequest& request, const Clock& clock) {
  std::optional<std::int64_t> id;
  {
    SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
    const TimePoint now = clock.now();
    auto& expire = statement(k_fail_expired);
    expire.bind(1, format_store_time(now));
    expire.exec();
    auto& start = statement(k_start_next);
    start.bind(1, request.worker_id);
    start.bind(2, format_store_time(now));
    start.bind(3, format_store_time(now + request.lease));
    if (request.assignments) start.bind(4, nlohmann::json(*request.assignments).dump());
    if (start.executeStep()) id = start.getColumn(0).getInt64();
    start.reset();
    tx.commit();
  }
  if (!id) return std::nullopt;
  return find(*id);  // after commit: the run is ours, and the write lock is free sooner
}

bool SqliteQueue::heartbeat(const Run& run, std::chrono::milliseconds lease, const Clock& clock) {
  const TimePoint now = clock.now();
  auto& q = statement(k_heartbeat);
  q.bind(1, format_store_time(now + lease));
  q.bind(2, run.id);
  q.bind(3, run.worker_id);
  q.bind(4, run.attempt);
  q.bind(5, format_store_time(now));
  return q.exec() == 1;
}

bool SqliteQueue::finish(const Run& run, const Outcome& outcome, const Clock& clock) {
  const TimePoint now = clock.now();
  auto& q = statement(k_finish);
  q.bind(1, status_name(outcome.status));
  if (outcome.score) q.bind(2, *outcome.score);
  q.bind(3, outcome.error);
  if (!outcome.results.empty()) q.bind(4, outcome.results);
  q.bind(5, outcome.log);
  q.bind(6, format_store_time(now));
  q.bind(7, run.id);
  q.bind(8, run.worker_id);
  q.bind(9, run.attempt);
  q.bind(10, format_store_time(now));
  return q.exec() == 1;
}

int reap_expired(SQLite::Database& db, const Clock& clock) {
  {
    // Read first: most callers find nothing and should not take the write lock.
    SQLite::Statement probe(
        db,
        "SELECT 1 FROM autograde_runs WHERE status = 'running' AND lease_expires_at < ? LIMIT 1");
    probe.bind(1, format_store_time(clock.now()));
    if (!probe.executeStep()) return 0;
  }
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const int n = fail_expired(db, clock.now());
  tx.commit();
  return n;
}

Run cancel(SQLite::Database& db, std::int64_t id, const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Run before = require_run(db, id);
  require_cancellable(id, before.status);
  const std::string actor = store::current_actor();
  SQLite::Statement q(db, R"sql(
UPDATE autograde_runs SET status = 'cancelled', error = ?, finished_at = ?, lease_expires_at = NULL WHERE id = ?)sql");
  q.bind(1, fmt::format("cancelled by {}", actor));
  q.bind(2, format_store_time(clock.now()));
  q.bind(3, id);
  q.exec();
  store::append_event(
      db, {"autograde.cancel", std::to_string(id), {{"was", status_name(before.status)}}}, clock);
  Run after = require_run(db, id);
  tx.commit();
  return after;
}

Run retry(SQLite::Database& db, std::int64_t id, const Clock& clock) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Run before = require_run(db, id);
  require_retryable(id, before.status);
  SQLite::Statement q(db, R"sql(
UPDATE autograde_runs SET status = 'queued', error = '', score = NULL, results = NULL, log = '',
  started_at = NULL, finished_at = NULL, worker_id = NULL, lease_expires_at = NULL
WHERE id = ?)sql");
  q.bind(1, id);
  q.exec();
  store::append_event(db,
                      {"autograde.retry",
                       std::to_string(id),
                       {{"was", status_name(before.status)}, {"error", before.error}}},
                      clock);
  Run after = require_run(db, id);
  tx.commit();
  return after;
}

std::optional<Run> find_run(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, k_find_run);
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_run(q);
}

std::vector<RunRequest> run_requests(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement q(db, R"sql(
SELECT gradescope_submission_id, received_at, deduplicated, reason FROM autograde_run_requests
WHERE run_id = ? ORDER BY id)sql");
  q.bind(1, id);
  std::vector<RunRequest> out;
  while (q.executeStep()) {
    out.push_back({id, optional_text(q.getColumn(0)), store::read_time(q.getColumn(1)),
                   q.getColumn(2).getInt() != 0, q.getColumn(3).getString()});
  }
  return out;
}

Run require_run(SQLite::Database& db, std::int64_t id) {
  auto run = find_run(db, id);
  if (!run) throw data_error(fmt::format("no run {}", id));
  return *run;
}

std::vector<Run> list_runs(SQLite::Database& db, const RunFilter& filter) {
  std::string where = " WHERE 1 = 1";
  if (filter.status) where += " AND r.status = :status";
  if (filter.assignment) where += " AND r.assignment = :assignment";
  if (filter.course_id) where += " AND r.course_id = :course";
  if (filter.student) {
    where += " AND r.id IN (SELECT run_id FROM autograde_run_students WHERE email = :student)";
  }
  SQLite::Statement q(db, std::string(k_select_run) + where + " ORDER BY r.id DESC LIMIT :limit");
  if (filter.status) q.bind(":status", status_name(*filter.status));
  if (filter.assignment) q.bind(":assignment", *filter.assignment);
  if (filter.course_id) q.bind(":course", *filter.course_id);
  if (filter.student) q.bind(":student", roster::normalize_email(*filter.student));
  q.bind(":limit", static_cast<std::int64_t>(filter.limit));
  std::vector<Run> out;
  while (q.executeStep()) out.push_back(read_run(q));
  return out;
}

std::vector<std::pair<RunStatus, std::int64_t>> status_counts(SQLite::Database& db) {
  std::vector<std::pair<RunStatus, std::int64_t>> out;
  for (auto s : {RunStatus::queued, RunStatus::running, RunStatus::succeeded, RunStatus::failed,
                 RunStatus::cancelled})
    out.emplace_back(s, 0);
  SQLite::Statement q(db, "SELECT status, count(*) FROM autograde_runs GROUP BY status");
  while (q.executeStep()) {
    if (auto s = parse_status(q.getColumn(0).getString()))
      out[static_cast<std::size_t>(*s)].second = q.getColumn(1).getInt64();
  }
  return out;
}

std::int64_t queue_position(SQLite::Database& db, const Run& run) {
  if (run.status != RunStatus::queued) return 0;
  SQLite::Statement q(db,
                      "SELECT count(*) FROM autograde_runs WHERE status = 'queued' AND id <= ?");
  q.bind(1, run.id);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

int SqliteQueue::reap_expired(const Clock& clock) {
  return autograde::reap_expired(m_db, clock);
}
Run SqliteQueue::cancel(std::int64_t id, const Clock& clock) {
  return autograde::cancel(m_db, id, clock);
}
Run SqliteQueue::retry(std::int64_t id, const Clock& clock) {
  return autograde::retry(m_db, id, clock);
}
std::vector<RunRequest> SqliteQueue::requests(std::int64_t id) {
  return run_requests(m_db, id);
}
std::vector<Run> SqliteQueue::list(const RunFilter& filter) {
  return list_runs(m_db, filter);
}
std::vector<std::pair<RunStatus, std::int64_t>> SqliteQueue::status_counts() {
  return autograde::status_counts(m_db);
}
std::int64_t SqliteQueue::position(const Run& run) {
  return queue_position(m_db, run);
}
std::vector<std::int64_t> SqliteQueue::unfinished_among(const std::vector<std::int64_t>& ids) {
  auto& q = statement(
      "SELECT id FROM autograde_runs WHERE status IN ('queued', 'running') "
      "AND id IN (SELECT value FROM json_each(?1)) ORDER BY id");
  q.bind(1, nlohmann::json(ids).dump());
  std::vector<std::int64_t> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
  return out;
}

// SQLite tells no other process of a commit, but a connection's data_version changes
// whenever another one committed: an idle worker looks every 20 ms (a read of the
// WAL index, no lock kept) and claims at once instead of after a whole poll interval.
void SqliteQueue::wait_for_work(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  const std::int64_t seen = data_version();
  while (!stop && std::chrono::steady_clock::now() < until) {
    Queue::wait_for_work(std::chrono::milliseconds(20), stop);
    if (data_version() != seen) return;
  }
}

std::int64_t SqliteQueue::data_version() {
  auto& q = statement("PRAGMA data_version");
  q.executeStep();
  const std::int64_t version = q.getColumn(0).getInt64();
  q.reset();  // no read transaction left open while the worker waits
  return version;
}

const ArtifactStore& SqliteQueue::artifacts() {
  return m_artifacts;
}

}  // namespace cs351::autograde
