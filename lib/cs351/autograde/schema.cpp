#include "cs351/autograde/schema.h"

namespace cs351::autograde {

// Times are the store's time text (format_store_time: fixed width, so text order
// is time order and lease expiry and the dedupe window compare in SQL). Versions
// 1 and 2 wrote epoch milliseconds; version 3 converts them in place (the
// columns keep their declared INTEGER affinity, which leaves such text as text;
// rebuilding autograde_runs would cascade-delete its students and requests).
// autograde_run_students mirrors each run's status (kept in step by a trigger) so
// that a partial unique index can refuse a second running run for one student.
// Version 2 keys deduplication on what was submitted: a run's files (the
// `submission` artifact id, a content hash) and its sorted submitters
// (`students_key`); every enqueue is kept in autograde_run_requests with the
// reason it joined an earlier run or started a new one.
// Version 4 adds autograde_workers: one row per worker process, upserted as it
// polls and beats, so `autograde wait` can tell that nobody is working the queue.
// Version 5 adds regrade_of: a regrade is a new run of the same submission that
// points at the run it replaces (which is never changed); workers claim live
// runs before regrade runs (docs/autograde.md, `autograde regrade`). No REFERENCES:
// a table pointing at itself sends the store's walk of a course's dependent rows
// round in a circle.
// Version 6 adds autograde_refusals: every submission the bridge refused (wrong token, unknown
// assignment or course, configuration error, unreadable archive), for `autograde status`.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"autograde", 1, R"sql(
CREATE TABLE autograde_runs (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id),
  assignment TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  submission TEXT NOT NULL,
  gradescope_submission_id TEXT,
  submitted_at INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  worker_id TEXT,
  attempt INTEGER NOT NULL DEFAULT 0,
  lease_expires_at INTEGER,
  score REAL,
  error TEXT NOT NULL DEFAULT '',
  results TEXT,
  log TEXT NOT NULL DEFAULT ''
);
CREATE INDEX autograde_runs_queued ON autograde_runs(id) WHERE status = 'queued';
CREATE INDEX autograde_runs_running ON autograde_runs(lease_expires_at) WHERE status = 'running';
CREATE INDEX autograde_runs_assignment ON autograde_runs(course_id, assignment, submitted_at);
CREATE INDEX autograde_runs_gradescope ON autograde_runs(gradescope_submission_id)
  WHERE gradescope_submission_id IS NOT NULL;
CREATE TABLE autograde_run_students (
  run_id INTEGER NOT NULL REFERENCES autograde_runs(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  PRIMARY KEY (run_id, email)
) WITHOUT ROWID;
CREATE UNIQUE INDEX autograde_one_running_per_student ON autograde_run_students(email)
  WHERE status = 'running';
CREATE INDEX autograde_run_students_email ON autograde_run_students(email, status, run_id);
CREATE TRIGGER autograde_runs_status AFTER UPDATE OF status ON autograde_runs
  WHEN NEW.status <> OLD.status
BEGIN
  UPDATE autograde_run_students SET status = NEW.status WHERE run_id = NEW.id;
END;
)sql"},
      {"autograde", 2, R"sql(
ALTER TABLE autograde_runs ADD COLUMN students_key TEXT NOT NULL DEFAULT '';
UPDATE autograde_runs SET students_key = coalesce(
  (SELECT group_concat(email, ',') FROM
     (SELECT email FROM autograde_run_students s WHERE s.run_id = autograde_runs.id ORDER BY email)),
  '');
ALTER TABLE autograde_runs ADD COLUMN dedupe_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX autograde_runs_same_submission
  ON autograde_runs(course_id, assignment, submission, students_key, enqueued_at);
CREATE TABLE autograde_run_requests (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES autograde_runs(id) ON DELETE CASCADE,
  gradescope_submission_id TEXT,
  received_at INTEGER NOT NULL,
  deduplicated INTEGER NOT NULL CHECK (deduplicated IN (0, 1)),
  reason TEXT NOT NULL
);
CREATE INDEX autograde_run_requests_run ON autograde_run_requests(run_id, id);
CREATE INDEX autograde_run_requests_gradescope ON autograde_run_requests(gradescope_submission_id)
  WHERE gradescope_submission_id IS NOT NULL;
INSERT INTO autograde_run_requests(run_id, gradescope_submission_id, received_at, deduplicated, reason)
  SELECT id, gradescope_submission_id, enqueued_at, 0, 'new run (enqueued before reasons were kept)'
  FROM autograde_runs;
UPDATE autograde_runs SET dedupe_reason = 'new run (enqueued before reasons were kept)';
)sql"},
      {"autograde", 3,
       store::epoch_ms_to_store_time("autograde_runs", {"submitted_at", "enqueued_at", "started_at",
                                                        "finished_at", "lease_expires_at"}) +
           store::epoch_ms_to_store_time("autograde_run_requests", {"received_at"})},
      {"autograde", 4, R"sql(
CREATE TABLE autograde_workers (
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  last_seen TEXT NOT NULL,
  alive_until TEXT NOT NULL,
  PRIMARY KEY (host, pid)
) WITHOUT ROWID;
)sql"},
      {"autograde", 5, R"sql(
ALTER TABLE autograde_runs ADD COLUMN regrade_of INTEGER;
CREATE INDEX autograde_runs_regrade_of ON autograde_runs(regrade_of) WHERE regrade_of IS NOT NULL;
)sql"},
      {"autograde", 6, R"sql(
CREATE TABLE autograde_refusals (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  status INTEGER NOT NULL,
  fault TEXT NOT NULL CHECK (fault IN ('staff', 'student')),
  client TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX autograde_refusals_at ON autograde_refusals(at);
)sql"},
  };
  return list;
}

}  // namespace cs351::autograde
