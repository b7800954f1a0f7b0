#include "cs351/autograde/pg_queue.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cs351/autograde/pg_schema.h"
#include "cs351/autograde/queue_rules.h"
#include "cs351/core/crypto.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/email.h"
#include "cs351/store/events.h"

namespace cs351::autograde {
namespace {

using std::chrono::milliseconds;

constexpr const char* k_channel = "autograde_runs";
constexpr const char* k_unique_violation = "23505";

// Times travel as the store's ISO-8601 text (PostgreSQL parses it into
// timestamptz) and come back as epoch milliseconds.
std::string at(TimePoint t) {
  return format_store_time(t);
}
TimePoint time_of(const PgResult& r, int row, int col) {
  return TimePoint(milliseconds(r.int64(row, col)));
}
std::optional<TimePoint> optional_time(const PgResult& r, int row, int col) {
  if (r.is_null(row, col)) return std::nullopt;
  return time_of(r, row, col);
}

#define CS351_MS(col) "round(extract(epoch FROM " col ") * 1000)::bigint"

// A run of autograde_runs r, as read_run reads it.
#define CS351_RUN_COLUMNS \
  "r.id, r.course_id, r.assignment, r.status, r.submission, " \
  "r.gradescope_submission_id, " CS351_MS( \
      "r.submitted_at") ", " CS351_MS("r.enqueued_at") ", " CS351_MS("r.started_at") ", " CS351_MS( \
      "r.finished_at") ", r.worker_id, r.attempt, " CS351_MS("r.lease_expires_at")                  \
      ", r.score, r.error, r.results, r.log, (SELECT string_agg(email, ',' ORDER BY email) FROM "   \
      "autograde_run_students WHERE run_id = r.id), r.dedupe_reason, (SELECT count(*) FROM "       \
      "autograde_run_requests q WHERE q.run_id = r.id AND q.deduplicated), r.lease_token, "   \
  "r.regrade_of"

constexpr const char* k_select_run = "SELECT " CS351_RUN_COLUMNS " FROM autograde_runs r";

// Fails every running run whose lease expired before $1 ("worker lost").
constexpr const char* k_reap = R"sql(
UPDATE autograde_runs SET status = 'failed', error = 'worker lost', finished_at = $1,
  lease_expires_at = NULL, lease_token = NULL
WHERE id IN (SELECT id FROM autograde_runs WHERE status = 'running' AND lease_expires_at < $1
             ORDER BY id FOR UPDATE SKIP LOCKED))sql";

// The first queued run (of the assignments asked for) none of whose students is
// running or waits in an earlier run, skipping rows another claimer holds, started.
// Live runs come before regrade runs, then oldest first: (regrade_of IS NOT NULL, id).
// RETURNING reads the students and requests as they were, which a claim does not change.
// OFFSET 0 keeps the NOT EXISTS a check of each candidate (a few index lookups):
// as an anti-join, the planner merges it with every student row of every older
// run, so each claim cost as much as the queue's whole history.
constexpr const char* k_claim = R"sql(
WITH next AS (
  SELECT r.id FROM autograde_runs r
  WHERE r.status = 'queued'
    AND ($4::jsonb IS NULL OR r.assignment IN (SELECT jsonb_array_elements_text($4::jsonb)))
    AND NOT EXISTS (
      SELECT 1 FROM autograde_run_students mine
      JOIN autograde_run_students other ON other.email = mine.email
      JOIN autograde_runs o ON o.id = other.run_id
      WHERE mine.run_id = r.id
        AND (other.status = 'running'
             OR (other.status = 'queued'
                 AND ((o.regrade_of IS NOT NULL), other.run_id)
                     < ((r.regrade_of IS NOT NULL), r.id)))
      OFFSET 0)
  ORDER BY (r.regrade_of IS NOT NULL), r.id LIMIT 1
  FOR UPDATE OF r SKIP LOCKED)
UPDATE autograde_runs r SET status = 'running', worker_id = $1, attempt = r.attempt + 1,
  lease_token = $5, started_at = $2, lease_expires_at = $3, finished_at = NULL, error = ''
FROM next WHERE r.id = next.id RETURNING )sql" CS351_RUN_COLUMNS;

Run read_run(const PgResult& q, int row) {
  Run r;
  r.id = q.int64(row, 0);
  r.course_id = q.int64(row, 1);
  r.assignment = q.text(row, 2);
  r.status = parse_status(q.text(row, 3)).value_or(RunStatus::failed);
  r.submission = q.text(row, 4);
  r.gradescope_submission_id = q.optional_text(row, 5);
  r.submitted_at = time_of(q, row, 6);
  r.enqueued_at = time_of(q, row, 7);
  r.started_at = optional_time(q, row, 8);
  r.finished_at = optional_time(q, row, 9);
  r.worker_id = q.optional_text(row, 10).value_or("");
  r.attempt = static_cast<int>(q.int64(row, 11));
  r.lease_expires_at = optional_time(q, row, 12);
  if (!q.is_null(row, 13)) r.score = q.number(row, 13);
  r.error = q.text(row, 14);
  r.results = q.optional_text(row, 15);
  r.log = q.text(row, 16);
  if (!q.is_null(row, 17)) r.students = split(q.text(row, 17), ',');
  r.dedupe_reason = q.text(row, 18);
  r.double_submits = static_cast<int>(q.int64(row, 19));
  r.lease_token = q.optional_text(row, 20).value_or("");
  if (!q.is_null(row, 21)) r.regrade_of = q.int64(row, 21);
  return r;
}

std::vector<Run> read_runs(const PgResult& q) {
  std::vector<Run> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(read_run(q, i));
  return out;
}

// An enqueue that joins run `id` (a double submit): the request, then the run.
std::vector<PgStatement> join_run(std::int64_t id, const EnqueueRequest& request,
                                  const std::string& received_at, const std::string& reason) {
  return {{R"sql(
INSERT INTO autograde_run_requests(run_id, gradescope_submission_id, received_at, deduplicated, reason)
VALUES ($1, $2, $3, true, $4))sql",
           {PgParam(id), PgParam(request.gradescope_submission_id), PgParam(received_at),
            PgParam(reason)}},
          {std::string(k_select_run) + " WHERE r.id = $1", {PgParam(id)}}};
}

// A new run: the run, its students and the request in one statement, then the run.
std::vector<PgStatement> new_run(const EnqueueRequest& request, TimePoint now,
                                 const std::string& key, const std::string& emails,
                                 const std::string& reason) {
  return {
      {R"sql(
WITH run AS (
  INSERT INTO autograde_runs(course_id, assignment, submission, gradescope_submission_id,
    submitted_at, enqueued_at, students_key, dedupe_reason, regrade_of)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10) RETURNING id),
students AS (
  INSERT INTO autograde_run_students(run_id, email)
  SELECT run.id, jsonb_array_elements_text($9::jsonb) FROM run)
INSERT INTO autograde_run_requests(run_id, gradescope_submission_id, received_at, deduplicated,
  reason)
SELECT run.id, $4, $6, false, $8 FROM run)sql",
       {PgParam(request.course_id), PgParam(request.assignment), PgParam(request.submission),
        PgParam(request.gradescope_submission_id), PgParam(at(request.submitted_at.value_or(now))),
        PgParam(at(now)), PgParam(key), PgParam(reason), PgParam(emails),
        request.regrade_of ? PgParam(*request.regrade_of) : PgParam(std::nullopt)}},
      // This session's newest run id, the one just inserted (a subquery: evaluated once).
      {std::string(k_select_run) + " WHERE r.id = (SELECT currval('autograde_runs_id_seq'))", {}}};
}

// Blobs in the database every worker host reads, each at most `max` bytes.
class PgBlobs : public BlobStore {
 public:
  PgBlobs(std::shared_ptr<PgConnection> conn, std::uint64_t max)
      : m_conn(std::move(conn)), m_max(max) {}

  void put(const std::string& id, const std::string& bytes) const override {
    if (bytes.size() > m_max) {
      throw data_error(fmt::format("a submission file of {} bytes is over the queue's limit of {}",
                                   bytes.size(), m_max));
    }
    m_conn->exec(
        "INSERT INTO autograde_blobs(sha256, content) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {PgParam(id), PgParam::bytes(bytes)});
  }

  std::optional<std::string> get(const std::string& id) const override {
    const auto r =
        m_conn->exec("SELECT content FROM autograde_blobs WHERE sha256 = $1", {PgParam(id)}, true);
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  }

  std::string where() const override { return "the PostgreSQL queue " + m_conn->shown_url(); }

 private:
  std::shared_ptr<PgConnection> m_conn;
  std::uint64_t m_max;
};

std::string number(double v) {
  return fmt::format("{}", v);
}

}  // namespace

PgQueue::PgQueue(const PgTarget& target, std::uint64_t max_blob)
    : m_conn(std::make_shared<PgConnection>(target)),
      m_artifacts(std::make_shared<PgBlobs>(m_conn, max_blob)) {
  require_pg_schema(*m_conn);
}

std::optional<Run> PgQueue::find(std::int64_t id) {
  const auto r = m_conn->exec(std::string(k_select_run) + " WHERE r.id = $1", {PgParam(id)});
  if (r.rows() == 0) return std::nullopt;
  return read_run(r, 0);
}

// Two round trips: BEGIN, the advisory lock and the dedupe lookups; then the
// writes, the run as it now stands and COMMIT. The new run's NOTIFY leaves with the COMMIT.
EnqueueResult PgQueue::enqueue(const EnqueueRequest& request, const Clock& clock) {
  const auto students = normalised_students(request.students);
  const std::string key = students_key(students);
  const std::string emails = nlohmann::json(students).dump();
  const TimePoint now = clock.now();
  const std::string since = at(now - request.dedupe_window);
  const bool dedupe = !request.regrade_of && request.dedupe_window.count() > 0;
  // One enqueue per assignment at a time: a double submit racing itself finds the first run.
  std::vector<PgStatement> first{
      {"SELECT pg_advisory_xact_lock(hashtextextended($1, 351))",
       {PgParam(fmt::format("autograde:{}:{}", request.course_id, request.assignment))}}};
  if (dedupe) {
    first.push_back({"SELECT id, " CS351_MS("enqueued_at") R"sql( FROM autograde_runs
WHERE course_id = $1 AND assignment = $2 AND submission = $3 AND students_key = $4
  AND status <> 'cancelled' AND regrade_of IS NULL AND enqueued_at >= $5 ORDER BY id LIMIT 1)sql",
                     {PgParam(request.course_id), PgParam(request.assignment),
                      PgParam(request.submission), PgParam(key), PgParam(since)}});
    // The students' own runs first (a few, by the email index), whatever the planner
    // guesses: walking every run newest first costs the whole window when none overlaps.
    first.push_back({R"sql(
WITH theirs AS MATERIALIZED (
  SELECT run_id FROM autograde_run_students
  WHERE email = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb))))
SELECT r.id, r.submission, r.students_key FROM theirs JOIN autograde_runs r ON r.id = theirs.run_id
WHERE r.course_id = $2 AND r.assignment = $3 AND r.status <> 'cancelled' AND r.enqueued_at >= $4
ORDER BY r.id DESC LIMIT 1)sql",
                     {PgParam(emails), PgParam(request.course_id), PgParam(request.assignment),
                      PgParam(since)}});
  }
  PgTransaction tx(*m_conn, first);
  std::optional<std::int64_t> same;
  std::string reason;
  if (dedupe && tx.first()[1].rows() == 1) {
    const auto& r = tx.first()[1];
    same = r.int64(0, 0);
    // `now` was read before the lock: a run committed while we waited may look a little younger.
    reason = double_submit_reason(
        *same, std::max(milliseconds(0),
                        std::chrono::duration_cast<milliseconds>(now - time_of(r, 0, 1))));
  } else {
    std::optional<Overlap> overlap;
    if (dedupe && tx.first()[2].rows() == 1) {
      const auto& r = tx.first()[2];
      overlap = Overlap{r.int64(0, 0), r.text(0, 1), r.text(0, 2)};
    }
    reason = request.regrade_of
                 ? regrade_reason(*request.regrade_of)
                 : new_run_reason(request.dedupe_window, overlap, request.submission, key);
  }
  const auto written = tx.commit(same ? join_run(*same, request, at(now), reason)
                                      : new_run(request, now, key, emails, reason));
  return {read_run(written[1], 0), same.has_value(), reason};
}

int PgQueue::reap_expired(const Clock& clock) {
  const TimePoint now = clock.now();
  const int reaped = m_conn->exec(k_reap, {PgParam(at(now))}).affected();
  m_reaped_at = now;
  return reaped;
}

// One round trip: the reap when due, then the claim (a statement of its own, so
// it sees the students the reap freed).
std::optional<Run> PgQueue::claim(const ClaimRequest& request, const Clock& clock) {
  std::optional<std::string> assignments;
  if (request.assignments) assignments = nlohmann::json(*request.assignments).dump();
  const std::string token = hex_encode(random_bytes(16));
  // Two claims that start runs sharing a student collide on the unique index;
  // the loser simply tries again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const TimePoint now = clock.now();
    const bool reap = reap_due(now);
    std::vector<PgStatement> statements;
    if (reap) statements.push_back({k_reap, {PgParam(at(now))}});
    statements.push_back(
        {k_claim,
         {PgParam(request.worker_id), PgParam(at(now)), PgParam(at(now + request.lease)),
          PgParam(assignments), PgParam(token)}});
    try {
      const auto done = m_conn->exec_all(statements);
      if (reap) m_reaped_at = now;
      if (done.back().rows() == 0) return std::nullopt;
      return read_run(done.back(), 0);
    } catch (const PgError& e) {
      if (e.sqlstate() != k_unique_violation) throw;
    }
  }
  return std::nullopt;
}

// A busy worker claims hundreds of times a second; failing expired leases once a
// second per connection is as good for a 60 s lease and costs a statement less.
// An expired lease still blocks its students and fences its writes until then.
bool PgQueue::reap_due(TimePoint now) const {
  return !m_reaped_at || now < *m_reaped_at || now - *m_reaped_at >= k_reap_interval;
}

bool PgQueue::heartbeat(const Run& run, milliseconds lease, const Clock& clock) {
  const TimePoint now = clock.now();
  return m_conn
             ->exec(R"sql(
UPDATE autograde_runs SET lease_expires_at = $1
WHERE id = $2 AND lease_token = $3 AND attempt = $4 AND status = 'running'
  AND lease_expires_at >= $5)sql",
                    {PgParam(at(now + lease)), PgParam(run.id), PgParam(run.lease_token),
                     PgParam(run.attempt), PgParam(at(now))})
             .affected() == 1;
}

// Fenced by the claim's token: a worker whose lease expired (and the run was
// reaped, retried or cancelled since) writes nothing. The token stays on the
// finished run, so a finish retried after a lost reply recognises its own write.
bool PgQueue::finish(const Run& run, const Outcome& outcome, const Clock& clock) {
  const TimePoint now = clock.now();
  const std::vector<PgParam> params{
      PgParam(status_name(outcome.status)),
      outcome.score ? PgParam(number(*outcome.score)) : PgParam(std::nullopt),
      PgParam(outcome.error),
      outcome.results.empty() ? PgParam(std::nullopt) : PgParam(outcome.results),
      PgParam(outcome.log),
      PgParam(at(now)),
      PgParam(run.id),
      PgParam(run.lease_token),
      PgParam(run.attempt)};
  auto written = m_conn->exec(R"sql(
UPDATE autograde_runs SET status = $1, score = $2::double precision, error = $3, results = $4,
  log = $5, finished_at = $6, lease_expires_at = NULL
WHERE id = $7 AND lease_token = $8 AND attempt = $9 AND status = 'running'
  AND lease_expires_at >= $6)sql",
                              params);
  if (written.affected() == 1) return true;
  return m_conn
             ->exec(R"sql(
SELECT 1 FROM autograde_runs WHERE id = $1 AND lease_token = $2 AND attempt = $3
  AND status = $4 AND error = $5)sql",
                    {PgParam(run.id), PgParam(run.lease_token), PgParam(run.attempt),
                     PgParam(status_name(outcome.status)), PgParam(outcome.error)})
             .rows() == 1;
}

Run PgQueue::cancel(std::int64_t id, const Clock& clock) {
  PgTransaction tx(*m_conn);
  const auto before =
      m_conn->exec("SELECT status FROM autograde_runs WHERE id = $1 FOR UPDATE", {PgParam(id)});
  if (before.rows() == 0) throw data_error(fmt::format("no run {}", id));
  const std::string was = before.text(0, 0);
  require_cancellable(id, parse_status(was).value_or(RunStatus::failed));
  const TimePoint now = clock.now();
  m_conn->exec(R"sql(
UPDATE autograde_runs SET status = 'cancelled', error = $1, finished_at = $2, lease_expires_at = NULL
WHERE id = $3)sql",
               {PgParam(fmt::format("cancelled by {}", store::current_actor())), PgParam(at(now)),
                PgParam(id)});
  m_conn->exec(
      "INSERT INTO autograde_events(at, actor, action, subject, details) "
      "VALUES ($1, $2, 'autograde.cancel', $3, $4::jsonb)",
      {PgParam(at(now)), PgParam(store::current_actor()), PgParam(std::to_string(id)),
       PgParam(nlohmann::json{{"was", was}}.dump())});
  Run after = *find(id);
  tx.commit();
  return after;
}

Run PgQueue::retry(std::int64_t id, const Clock& clock) {
  PgTransaction tx(*m_conn);
  const auto before = m_conn->exec(
      "SELECT status, error FROM autograde_runs WHERE id = $1 FOR UPDATE", {PgParam(id)});
  if (before.rows() == 0) throw data_error(fmt::format("no run {}", id));
  const std::string was = before.text(0, 0);
  require_retryable(id, parse_status(was).value_or(RunStatus::queued));
  m_conn->exec(R"sql(
UPDATE autograde_runs SET status = 'queued', error = '', score = NULL, results = NULL, log = '',
  started_at = NULL, finished_at = NULL, worker_id = NULL, lease_expires_at = NULL,
  lease_token = NULL
WHERE id = $1)sql",
               {PgParam(id)});
  m_conn->exec(
      "INSERT INTO autograde_events(at, actor, action, subject, details) "
      "VALUES ($1, $2, 'autograde.retry', $3, $4::jsonb)",
      {PgParam(at(clock.now())), PgParam(store::current_actor()), PgParam(std::to_string(id)),
       PgParam(nlohmann::json{{"was", was}, {"error", before.text(0, 1)}}.dump())});
  Run after = *find(id);
  tx.commit();
  return after;
}

std::vector<RunRequest> PgQueue::requests(std::int64_t id) {
  const auto r = m_conn->exec("SELECT gradescope_submission_id, " CS351_MS("received_at") R"sql(,
  deduplicated, reason FROM autograde_run_requests WHERE run_id = $1 ORDER BY id)sql",
                              {PgParam(id)});
  std::vector<RunRequest> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({id, r.optional_text(i, 0), time_of(r, i, 1), r.text(i, 2) == "t", r.text(i, 3)});
  return out;
}

std::vector<Run> PgQueue::list(const RunFilter& filter) {
  std::string where = " WHERE true";
  std::vector<PgParam> params;
  auto add = [&](const std::string& condition, PgParam value) {
    params.push_back(std::move(value));
    where += fmt::format(" AND {}${}", condition, params.size());
  };
  if (filter.status) add("r.status = ", PgParam(status_name(*filter.status)));
  if (filter.assignment) add("r.assignment = ", PgParam(*filter.assignment));
  if (filter.course_id) add("r.course_id = ", PgParam(*filter.course_id));
  if (filter.student) {
    params.push_back(PgParam(roster::normalize_email(*filter.student)));
    where +=
        fmt::format(" AND r.id IN (SELECT run_id FROM autograde_run_students WHERE email = ${})",
                    params.size());
  }
  params.push_back(PgParam(static_cast<std::int64_t>(filter.limit)));
  return read_runs(m_conn->exec(
      fmt::format("{}{} ORDER BY r.id DESC LIMIT ${}", k_select_run, where, params.size()),
      params));
}

std::vector<std::pair<RunStatus, std::int64_t>> PgQueue::status_counts() {
  std::vector<std::pair<RunStatus, std::int64_t>> out;
  for (auto s : {RunStatus::queued, RunStatus::running, RunStatus::succeeded, RunStatus::failed,
                 RunStatus::cancelled})
    out.emplace_back(s, 0);
  const auto r = m_conn->exec("SELECT status, count(*) FROM autograde_runs GROUP BY status");
  for (int i = 0; i < r.rows(); ++i) {
    if (auto s = parse_status(r.text(i, 0)))
      out[static_cast<std::size_t>(*s)].second = r.int64(i, 1);
  }
  return out;
}

std::int64_t PgQueue::position(const Run& run) {
  if (run.status != RunStatus::queued) return 0;
  return m_conn
      ->exec("SELECT count(*) FROM autograde_runs WHERE status = 'queued' AND id <= $1",
             {PgParam(run.id)})
      .int64(0, 0);
}

std::vector<std::int64_t> PgQueue::unfinished_among(const std::vector<std::int64_t>& ids) {
  const auto r = m_conn->exec(
      "SELECT id FROM autograde_runs WHERE status IN ('queued', 'running') "
      "AND id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY id",
      {PgParam(nlohmann::json(ids).dump())});
  std::vector<std::int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.int64(i, 0));
  return out;
}

const ArtifactStore& PgQueue::artifacts() {
  return m_artifacts;
}

void PgQueue::wait_for_work(milliseconds timeout, const std::atomic<bool>& stop) {
  try {
    m_conn->listen(k_channel);
  } catch (const Error&) {
    Queue::wait_for_work(timeout, stop);  // the server is away: poll until it is back
    return;
  }
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!stop) {
    const auto left =
        std::chrono::duration_cast<milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    // Short slices: a stop request is noticed within 50 ms.
    const auto slice = std::min(left, milliseconds(50));
    if (!m_conn->connected()) {
      Queue::wait_for_work(slice, stop);  // lost meanwhile: the next claim reconnects
    } else if (m_conn->wait_for_notification(slice)) {
      return;
    }
  }
}

}  // namespace cs351::autograde
