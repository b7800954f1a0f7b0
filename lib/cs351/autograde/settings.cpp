#include "cs351/autograde/settings.h"

namespace cs351::autograde {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"autograde.lease", "60s",
       "How long a worker's claim on a run lasts without a heartbeat; a run whose lease expires "
       "fails as 'worker lost'."},
      {"autograde.heartbeat", std::nullopt,
       "How often a worker renews the lease of a run it grades (default: a third of "
       "autograde.lease); must be shorter than the lease."},
      {"autograde.poll_interval", "1s",
       "How often an idle worker looks for queued runs at the latest (SQLite: also within 20 ms "
       "of another connection's commit; PostgreSQL: woken at once by LISTEN/NOTIFY)."},
      {"autograde.prepare_ahead", "true",
       "A worker claims one run beyond its concurrency and sets it up (directory, sandbox) while "
       "its graders run, so the next grader starts the moment one ends; false claims only what "
       "it grades at once (a worker host that dies then loses only its running runs)."},
      {"autograde.queue_url", std::nullopt,
       "PostgreSQL URL of a queue shared by workers on several machines, e.g. "
       "postgresql://cs351@db.example.edu/cs351 (env CS351_AUTOGRADE_QUEUE_URL). Unset: the "
       "queue lives in the SQLite store. No password in it: use PGPASSWORD, ~/.pgpass or "
       "autograde.password_command."},
      {"autograde.password_command", std::nullopt,
       "A command printing the PostgreSQL queue's password (e.g. `pass show cs351/db`), run once "
       "when a command opens the queue; else libpq's PGPASSWORD or ~/.pgpass."},
      {"autograde.isolation", "sandbox",
       "How graders are confined: sandbox (bubblewrap; the worker refuses to start without it) "
       "or process-group (no confinement: trusted graders and submissions only)."},
      {"autograde.limits", "kernel",
       "kernel: every sandboxed run gets a cgroup for its memory and processes (the worker "
       "refuses to start without one); rlimits-only: runs without a cgroup are allowed "
       "(per-process rlimits only; the run log says so)."},
      {"autograde.max_submission_size", "100M",
       "Largest submission (sum of file sizes) accepted by enqueue and by the bridge."},
      {"autograde.bridge_header_timeout", "10s",
       "`autograde serve`: a client must send a request's headers within this (and an idle "
       "connection closes after it)."},
      {"autograde.bridge_body_timeout", "120s",
       "`autograde serve`: a request's whole body must arrive within this."},
      {"autograde.bridge_connections_per_client", "64",
       "`autograde serve`: open connections allowed per client address (raise it behind a "
       "reverse proxy, where every client has the proxy's address)."},
      {"autograde.bridge_requests_per_second", "200",
       "`autograde serve`: requests per second per bearer token (a burst of one second's worth); "
       "more get 429 with Retry-After."},
      {"autograde.tls_cert", std::nullopt,
       "`autograde serve`: PEM certificate (with its chain) to serve HTTPS with, re-read on "
       "SIGHUP (e.g. /etc/letsencrypt/live/HOST/fullchain.pem)."},
      {"autograde.tls_key", std::nullopt,
       "`autograde serve`: the certificate's PEM private key (e.g. "
       "/etc/letsencrypt/live/HOST/privkey.pem)."},
      {"autograde.token", std::nullopt,
       "Bearer token shared by `autograde serve` and `autograde submit` (env "
       "CS351_AUTOGRADE_TOKEN).",
       true},
      {"autograde.require_roster", std::nullopt,
       "`autograde serve`: refuse (403) a submission whose students are not all on the course's "
       "roster. Default: true once the course has a roster; false grades them and records an "
       "autograde.not_on_roster event."},
      {"autograde.assignments.*",
       std::nullopt,
       "Per assignment [autograde.assignments.NAME]: command (the grader, run with sh -c), "
       "timeout (default 10m), memory (per process, e.g. 768M; default unlimited), processes "
       "(default 256), file_size (default 1G), disk (default 1G), network (default false), env "
       "(a table of extra variables), grader_dir and mounts (read-only in the sandbox), "
       "dedupe_window (default 2m), title and gradescope_id (how the bridge recognises it).",
       false,
       {"command", "timeout", "memory", "processes", "file_size", "disk", "network", "grader_dir",
        "mounts", "dedupe_window", "title", "gradescope_id"}},
  };
  return list;
}

}  // namespace cs351::autograde
