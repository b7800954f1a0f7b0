#pragma once
// The config keys this module reads ("autograde.*"), declared once: type, default, help.
// Code reads them through keys:: below (cs351/core/setting.h says why).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "cs351/core/setting.h"

namespace cs351::autograde {

inline constexpr std::string_view k_isolations[] = {"sandbox", "process-group"};
inline constexpr std::string_view k_limit_kinds[] = {"kernel", "rlimits-only"};

// The keys of each [autograde.assignments.NAME] table; `env` is a table of its own, whose keys
// are the variable names.
inline constexpr FieldSpec k_assignment_fields[] = {
    {"command", text_value()},    {"timeout", duration_value(std::chrono::milliseconds(1))},
    {"memory", size_value(1)},    {"processes", whole_value(1)},
    {"file_size", size_value(1)}, {"disk", size_value(1)},
    {"network", bool_value()},    {"grader_dir", path_value()},
    {"mounts", text_value()},     {"dedupe_window", duration_value()},
    {"title", text_value()},      {"gradescope_id", text_value()},
    {"env.*", text_value()},
};

inline constexpr SettingSpec k_settings[] = {
    {.key = "autograde.lease",
     .rule = duration_value(std::chrono::milliseconds(300)),
     .default_value = "60s",
     .help = "How long a worker's claim on a run lasts without a heartbeat; a run whose lease "
             "expires fails as 'worker lost'."},
    {.key = "autograde.heartbeat",
     .rule = duration_value(std::chrono::milliseconds(1)),
     .help = "How often a worker renews the lease of a run it grades (default: a third of "
             "autograde.lease); must be shorter than the lease."},
    {.key = "autograde.poll_interval",
     .rule = duration_value(std::chrono::milliseconds(1)),
     .default_value = "1s",
     .help = "How often an idle worker looks for queued runs at the latest (SQLite: also within "
             "20 ms of another connection's commit; PostgreSQL: woken at once by LISTEN/NOTIFY)."},
    {.key = "autograde.prepare_ahead",
     .rule = bool_value(),
     .default_value = "true",
     .help = "A worker claims one run beyond its concurrency and sets it up (directory, sandbox) "
             "while its graders run, so the next grader starts the moment one ends; false claims "
             "only what it grades at once (a worker host that dies then loses only its running "
             "runs)."},
    {.key = "autograde.queue_url",
     .help = "PostgreSQL URL of a queue shared by workers on several machines, e.g. "
             "postgresql://cs351@db.example.edu/cs351 (env CS351_AUTOGRADE_QUEUE_URL). Unset: the "
             "queue lives in the SQLite store. No password in it: use PGPASSWORD, ~/.pgpass or "
             "autograde.password_command."},
    {.key = "autograde.password_command",
     .help = "A command printing the PostgreSQL queue's password (e.g. `pass show cs351/db`), "
             "run once when a command opens the queue; else libpq's PGPASSWORD or ~/.pgpass."},
    {.key = "autograde.isolation",
     .rule = choice_value(k_isolations),
     .default_value = "sandbox",
     .help = "How graders are confined: sandbox (bubblewrap; the worker refuses to start without "
             "it) or process-group (no confinement: trusted graders and submissions only)."},
    {.key = "autograde.limits",
     .rule = choice_value(k_limit_kinds),
     .default_value = "kernel",
     .help = "kernel: every sandboxed run gets a cgroup for its memory and processes (the worker "
             "refuses to start without one); rlimits-only: runs without a cgroup are allowed "
             "(per-process rlimits only; the run log says so)."},
    {.key = "autograde.max_submission_size",
     .rule = size_value(1),
     .default_value = "100M",
     .help = "Largest submission (sum of file sizes) accepted by enqueue and by the bridge."},
    {.key = "autograde.bridge_header_timeout",
     .rule = duration_value(std::chrono::seconds(1)),
     .default_value = "10s",
     .help = "`autograde serve`: a client must send a request's headers within this (and an idle "
             "connection closes after it)."},
    {.key = "autograde.bridge_body_timeout",
     .rule = duration_value(std::chrono::seconds(1)),
     .default_value = "120s",
     .help = "`autograde serve`: a request's whole body must arrive within this."},
    {.key = "autograde.bridge_connections_per_client",
     .rule = whole_value(1, 10'000),
     .default_value = "64",
     .help = "`autograde serve`: open connections allowed per client address (raise it behind a "
             "reverse proxy, where every client has the proxy's address)."},
    {.key = "autograde.bridge_requests_per_second",
     .rule = number_value(1, 1e6),
     .default_value = "200",
     .help = "`autograde serve`: requests per second per bearer token (a burst of one second's "
             "worth); more get 429 with Retry-After."},
    {.key = "autograde.tls_cert",
     .rule = path_value(),
     .help = "`autograde serve`: PEM certificate (with its chain) to serve HTTPS with, re-read on "
             "SIGHUP (e.g. /etc/letsencrypt/live/HOST/fullchain.pem)."},
    {.key = "autograde.tls_key",
     .rule = path_value(),
     .help = "`autograde serve`: the certificate's PEM private key (e.g. "
             "/etc/letsencrypt/live/HOST/privkey.pem)."},
    {.key = "autograde.token",
     .help = "Bearer token shared by `autograde serve` and `autograde submit` (env "
             "CS351_AUTOGRADE_TOKEN).",
     .secret = true},
    {.key = "autograde.require_roster",
     .rule = bool_value(),
     .help = "`autograde serve`: refuse (403) a submission whose students are not all on the "
             "course's roster. Default: true once the course has a roster; false grades them and "
             "records an autograde.not_on_roster event."},
    {.key = "autograde.assignments.*",
     .help = "Per assignment [autograde.assignments.NAME]: command (the grader, run with sh -c), "
             "timeout (default 10m), memory (per process, e.g. 768M; default unlimited), "
             "processes (default 256), file_size (default 1G), disk (default 1G), network "
             "(default false), env (a table of extra variables), grader_dir and mounts "
             "(read-only in the sandbox), dedupe_window (default 2m), title and gradescope_id "
             "(how the bridge recognises it).",
     .fields = k_assignment_fields},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
using std::chrono::milliseconds;
inline constexpr auto lease = key_of<milliseconds>(k_settings, "autograde.lease");
inline constexpr auto heartbeat = key_of<milliseconds>(k_settings, "autograde.heartbeat");
inline constexpr auto poll_interval = key_of<milliseconds>(k_settings, "autograde.poll_interval");
inline constexpr auto prepare_ahead = key_of<bool>(k_settings, "autograde.prepare_ahead");
inline constexpr auto queue_url = key_of<std::string>(k_settings, "autograde.queue_url");
inline constexpr auto password_command =
    key_of<std::string>(k_settings, "autograde.password_command");
inline constexpr auto isolation = key_of<std::string>(k_settings, "autograde.isolation");
inline constexpr auto limits = key_of<std::string>(k_settings, "autograde.limits");
inline constexpr auto max_submission_size =
    key_of<std::uint64_t>(k_settings, "autograde.max_submission_size");
inline constexpr auto bridge_header_timeout =
    key_of<milliseconds>(k_settings, "autograde.bridge_header_timeout");
inline constexpr auto bridge_body_timeout =
    key_of<milliseconds>(k_settings, "autograde.bridge_body_timeout");
inline constexpr auto bridge_connections_per_client =
    key_of<std::int64_t>(k_settings, "autograde.bridge_connections_per_client");
inline constexpr auto bridge_requests_per_second =
    key_of<double>(k_settings, "autograde.bridge_requests_per_second");
inline constexpr auto tls_cert = key_of<std::filesystem::path>(k_settings, "autograde.tls_cert");
inline constexpr auto tls_key = key_of<std::filesystem::path>(k_settings, "autograde.tls_key");
inline constexpr auto token = key_of<std::string>(k_settings, "autograde.token");
inline constexpr auto require_roster = key_of<bool>(k_settings, "autograde.require_roster");

// [autograde.assignments.NAME] and its fields.
inline constexpr auto assignments = family_of(k_settings, "autograde.assignments.*");
inline constexpr auto command = field_of<std::string>(assignments, "command");
inline constexpr auto timeout = field_of<milliseconds>(assignments, "timeout");
inline constexpr auto memory = field_of<std::uint64_t>(assignments, "memory");
inline constexpr auto processes = field_of<std::int64_t>(assignments, "processes");
inline constexpr auto file_size = field_of<std::uint64_t>(assignments, "file_size");
inline constexpr auto disk = field_of<std::uint64_t>(assignments, "disk");
inline constexpr auto network = field_of<bool>(assignments, "network");
inline constexpr auto grader_dir = field_of<std::filesystem::path>(assignments, "grader_dir");
inline constexpr auto mounts = field_of<std::string>(assignments, "mounts");
inline constexpr auto dedupe_window = field_of<milliseconds>(assignments, "dedupe_window");
inline constexpr auto title = field_of<std::string>(assignments, "title");
inline constexpr auto gradescope_id = field_of<std::string>(assignments, "gradescope_id");
}  // namespace keys

}  // namespace cs351::autograde
