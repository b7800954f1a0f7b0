#include "cs351/autograde/pg_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace cs351::autograde {
namespace {

// 1: the same tables as the SQLite queue (docs/autograde.md), in PostgreSQL's
// types: times are timestamptz, and a run also carries the claim's fencing
// token (`lease_token`). Submissions live in autograde_blobs (content-addressed),
// cancel/retry are recorded in autograde_events. Triggers keep each student
// row's status in step with its run (so a partial unique index refuses a
// second running run per student) and NOTIFY autograde_runs whenever a run may
// have become claimable (a new run, or one that stopped running).
// 2: less work per run (docs/benchmarks.md). The running runs' index is on id:
// on lease_expires_at, a finish or heartbeat planned with it (it looks empty
// to the planner when nothing ran at ANALYZE time) walked every finished run's
// entry whose lease had not expired yet. One trigger per status change
// mirrors it and notifies only when something may have become claimable: the
// run is queued again, or it stopped running or was cancelled while a queued
// run of one of its students waits behind it.
// 3: regrade_of, as in the SQLite queue's version 5.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> list{R"sql(
CREATE TABLE autograde_runs (
  id bigserial PRIMARY KEY,
  course_id bigint NOT NULL,
  assignment text NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  submission text NOT NULL,
  gradescope_submission_id text,
  submitted_at timestamptz NOT NULL,
  enqueued_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  worker_id text,
  attempt integer NOT NULL DEFAULT 0,
  lease_token text,
  lease_expires_at timestamptz,
  score double precision,
  error text NOT NULL DEFAULT '',
  results text,
  log text NOT NULL DEFAULT '',
  students_key text NOT NULL,
  dedupe_reason text NOT NULL DEFAULT ''
);
CREATE INDEX autograde_runs_queued ON autograde_runs(id) WHERE status = 'queued';
CREATE INDEX autograde_runs_running ON autograde_runs(lease_expires_at) WHERE status = 'running';
CREATE INDEX autograde_runs_same_submission
  ON autograde_runs(course_id, assignment, submission, students_key, enqueued_at);
CREATE INDEX autograde_runs_gradescope ON autograde_runs(gradescope_submission_id)
  WHERE gradescope_submission_id IS NOT NULL;
CREATE TABLE autograde_run_students (
  run_id bigint NOT NULL REFERENCES autograde_runs(id) ON DELETE CASCADE,
  email text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  PRIMARY KEY (run_id, email)
);
CREATE UNIQUE INDEX autograde_one_running_per_student ON autograde_run_students(email)
  WHERE status = 'running';
CREATE INDEX autograde_run_students_email ON autograde_run_students(email, status, run_id);
CREATE TABLE autograde_run_requests (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES autograde_runs(id) ON DELETE CASCADE,
  gradescope_submission_id text,
  received_at timestamptz NOT NULL,
  deduplicated boolean NOT NULL,
  reason text NOT NULL
);
CREATE INDEX autograde_run_requests_run ON autograde_run_requests(run_id, id);
CREATE TABLE autograde_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL
);
CREATE TABLE autograde_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  details jsonb NOT NULL
);
CREATE FUNCTION autograde_mirror_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE autograde_run_students SET status = NEW.status WHERE run_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER autograde_runs_status AFTER UPDATE OF status ON autograde_runs
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION autograde_mirror_status();
CREATE FUNCTION autograde_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('autograde_runs', '');
  RETURN NULL;
END $$;
CREATE TRIGGER autograde_runs_new AFTER INSERT ON autograde_runs
  FOR EACH STATEMENT EXECUTE FUNCTION autograde_notify();
CREATE TRIGGER autograde_runs_freed AFTER UPDATE OF status ON autograde_runs
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status <> 'running')
  EXECUTE FUNCTION autograde_notify();
)sql",
                                             R"sql(
DROP INDEX autograde_runs_running;
CREATE INDEX autograde_runs_running ON autograde_runs(id) WHERE status = 'running';
DROP TRIGGER autograde_runs_status ON autograde_runs;
DROP TRIGGER autograde_runs_freed ON autograde_runs;
DROP FUNCTION autograde_mirror_status();
CREATE FUNCTION autograde_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE autograde_run_students SET status = NEW.status WHERE run_id = NEW.id;
  IF NEW.status = 'queued' OR (NEW.status <> 'running' AND EXISTS (
      SELECT 1 FROM autograde_run_students mine
      JOIN autograde_run_students other ON other.email = mine.email
      WHERE mine.run_id = NEW.id AND other.run_id <> NEW.id AND other.status = 'queued')) THEN
    PERFORM pg_notify('autograde_runs', '');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER autograde_runs_status AFTER UPDATE OF status ON autograde_runs
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION autograde_status_changed();
)sql",
                                             R"sql(
ALTER TABLE autograde_runs ADD COLUMN regrade_of bigint REFERENCES autograde_runs(id);
CREATE INDEX autograde_runs_regrade_of ON autograde_runs(regrade_of) WHERE regrade_of IS NOT NULL;
)sql"};
  return list;
}

constexpr const char* k_version_table = R"sql(
CREATE TABLE IF NOT EXISTS cs351_schema_version (
  component text PRIMARY KEY,
  version integer NOT NULL
))sql";

int current_version(PgConnection& conn) {
  const auto table = conn.exec("SELECT to_regclass('cs351_schema_version') IS NOT NULL");
  if (table.text(0, 0) != "t") return 0;
  const auto v =
      conn.exec("SELECT version FROM cs351_schema_version WHERE component = 'autograde'");
  return v.rows() == 0 ? 0 : static_cast<int>(v.int64(0, 0));
}

Error newer_schema(const PgConnection& conn, int found) {
  return config_error(fmt::format(
      "the PostgreSQL queue at {} has schema version {}, newer than this cs351 knows ({}); "
      "upgrade cs351 on this host (the database was not changed)",
      conn.shown_url(), found, pg_schema_latest()));
}

}  // namespace

int pg_schema_latest() {
  return static_cast<int>(migrations().size());
}

PgMigration migrate_pg_schema(PgConnection& conn, int up_to) {
  PgTransaction tx(conn);
  conn.exec("SELECT pg_advisory_xact_lock(351000012)");
  conn.exec(k_version_table);
  PgMigration m;
  m.from = current_version(conn);
  if (m.from > pg_schema_latest()) throw newer_schema(conn, m.from);
  m.to = std::max(m.from, std::min(up_to, pg_schema_latest()));
  for (int v = m.from + 1; v <= m.to; ++v) conn.exec(migrations()[static_cast<std::size_t>(v - 1)]);
  conn.exec(R"sql(
INSERT INTO cs351_schema_version(component, version) VALUES ('autograde', $1)
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version)sql",
            {PgParam(m.to)});
  tx.commit();
  return m;
}

void require_pg_schema(PgConnection& conn) {
  const int found = current_version(conn);
  if (found > pg_schema_latest()) throw newer_schema(conn, found);
  if (found < pg_schema_latest()) {
    throw config_error(fmt::format(
        "the PostgreSQL queue at {} {}; run `cs351 autograde migrate` first", conn.shown_url(),
        found == 0 ? "has no cs351 tables yet"
                   : fmt::format("has schema version {}, this cs351 needs {}", found,
                                 pg_schema_latest())));
  }
}

}  // namespace cs351::autograde
