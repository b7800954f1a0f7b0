#include "cs351/autograde/schema.h"

namespace cs351::autograde {

// Times are integer milliseconds since the epoch so lease arithmetic stays in SQL.
// autograde_run_students mirrors each run's status (kept in step by a trigger) so
// that a partial unique index can refuse a second running run for one student.
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
  };
  return list;
}

}  // namespace cs351::autograde
