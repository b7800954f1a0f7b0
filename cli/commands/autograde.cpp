#include <fmt/format.h>
#include <signal.h>

#include <atomic>
#include <ostream>

#include "cli/commands.h"
#include "cli/commands/autograde_worker_status.h"
#include "cli/local_times.h"
#include "cli/naming.h"
#include "cli/option_checks.h"
#include "cli/output.h"
#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/queue_backend.h"
#include "cs351/autograde/refusals.h"
#include "cs351/autograde/results.h"
#include "cs351/autograde/service.h"
#include "cs351/autograde/settings.h"
#include "cs351/autograde/worker.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

struct EnqueueFlags {
  std::string course, assignment, submission, gradescope_submission, submitted_at;
  std::vector<std::string> students;
};

struct WorkerFlags {
  int concurrency = 1;
  int max_runs = 0;
  bool once = false;
  std::vector<std::string> assignments;
};

struct ListFlags {
  std::string status, student, assignment;
  std::size_t limit = 1000;
};

struct WaitFlags {
  std::int64_t run = 0;
  std::string timeout = "10m", results_json;
};

// The [autograde.assignments.NAME] name `text` means (runs are stored under it),
// looked up in the default course too when there is one.
std::string configured_name(Context& ctx, const std::string& text) {
  std::optional<roster::Course> course;
  if (default_course(ctx)) course = chosen_course(ctx, "");
  const auto found = find_assignment(ctx, course ? &*course : nullptr, text);
  return found && found->config_name ? *found->config_name : text;
}

void add_enqueue(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("enqueue", "Queue a submission for grading (prints the run as JSON)");
  auto o = std::make_shared<EnqueueFlags>();
  add_course_option(cmd, o->course);
  cmd->add_option("--assignment", o->assignment, k_assignment_help)->required();
  cmd->add_option("--student", o->students, "student email (repeat for group members)")->required();
  cmd->add_option("--submission", o->submission, "directory holding the submitted files")
      ->required();
  cmd->add_option("--gradescope-submission", o->gradescope_submission, "Gradescope submission id");
  cmd->add_option("--submitted-at", o->submitted_at, "submission time, ISO-8601 (default now)");
  cmd->footer(
      "Example:\n  cs351 autograde enqueue --course CS351-S26 --assignment hw1 --student "
      "ana@uni.edu "
      "--submission ./ana-hw1\n\nWithin the assignment's dedupe_window an enqueue of the same "
      "files by the same students returns the same run (\"deduplicated\": true); anything else "
      "is a new run, queued behind theirs. \"reason\" says which and why.");
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, o] {
    const auto course = chosen_course(ctx, o->course);
    o->course = course.code;
    const auto found = find_assignment(ctx, &course, o->assignment);
    if (found && found->config_name) o->assignment = *found->config_name;
    ag::SubmissionRequest req{o->course, o->assignment, o->students, {}, {}, {}};
    if (!o->gradescope_submission.empty()) req.gradescope_submission_id = o->gradescope_submission;
    if (!o->submitted_at.empty())
      req.submitted_at = typed_time("--submitted-at", o->submitted_at, course.timezone);
    req.files =
        ag::read_submission_dir(o->submission, ctx.config().value(ag::keys::max_submission_size));
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    const auto result = ag::enqueue_submission(ctx.store(), *queue, ctx.config(), req);
    auto j = ag::run_json(*queue, result.run);
    j["deduplicated"] = result.deduplicated;
    j["reason"] = result.reason;
    write_object(ctx.out(), j, ctx.output());
  });
}

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop = true;
}

void add_worker(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("worker",
                                 "Grade queued runs (SIGTERM: finish the current runs, then exit)");
  ctx.creates_store(cmd);  // a grading host's first command (its queue may be PostgreSQL)
  auto o = std::make_shared<WorkerFlags>();
  cmd->add_option("--concurrency", o->concurrency, "runs graded at once (threads)")
      ->check(between(1, 64));
  cmd->add_option("--max-runs", o->max_runs, "exit after this many runs")->check(at_least(1));
  cmd->add_flag("--once", o->once, "exit when nothing is left to claim");
  cmd->add_option("--assignment", o->assignments,
                  "claim only runs of this assignment (repeat; default: every configured one)");
  cmd->footer(
      "Every grader runs in a bubblewrap sandbox (autograde.isolation = sandbox); without a "
      "working bwrap the worker refuses to start (exit 78). See docs/autograde.md, Isolation.\n"
      "With autograde.queue_url the queue is on PostgreSQL, shared by workers on several "
      "machines (docs/autograde.md, Workers on several machines); a worker claims only runs of "
      "assignments it has a grader for.\n"
      "Examples:\n  cs351 autograde worker --concurrency 4\n  cs351 autograde worker --once   # "
      "from cron\n  cs351 autograde worker --assignment hw3   # only hw3's runs");
  ctx.on_run(cmd, [&ctx, o] {
    ag::WorkerOptions opts;
    opts.open_store = ctx.store_factory();
    opts.open_queue = ag::queue_opener(ctx.config(), ag::QueueUser::worker);
    if (!o->assignments.empty()) opts.assignments = o->assignments;
    opts.concurrency = o->concurrency;
    if (o->max_runs > 0) opts.max_runs = o->max_runs;
    opts.once = o->once;
    ag::apply_worker_settings(ctx.config(), opts);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESETHAND;  // a second signal ends the worker at once
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    ctx.info(fmt::format("worker: {} thread(s), lease {}", opts.concurrency,
                         format_duration(opts.lease)));
    ctx.detail(
        fmt::format("worker: queue in the {}", ag::queue_description(ctx.config(), ctx.store())));
    ag::WorkerReport report;
    {
      WorkerStatusLine status_line(ctx, ctx.store_factory(), ag::queue_opener(ctx.config()));
      report = ag::run_worker(ctx.config(), opts, g_stop,
                              [&status_line](const std::string& line) { status_line.log(line); });
    }
    ctx.info(fmt::format("worker: succeeded {}, failed {}, discarded {}{}", report.succeeded,
                         report.failed, report.discarded, g_stop ? " (stopped by signal)" : ""));
  });
}

// Submissions the bridge refused in the last hour, newest first (at most 20): staff see a wrong
// token or an unknown assignment at once instead of hearing of it from students.
nlohmann::json refusals_json(SQLite::Database& db) {
  nlohmann::json out = nlohmann::json::array();
  const auto hour_ago = system_clock().now() - std::chrono::hours(1);
  for (const auto& r : ag::refusals_since(db, hour_ago)) {
    out.push_back({{"at", format_utc(r.at)},
                   {"status", r.status},
                   {"fault", r.fault},
                   {"client", r.client},
                   {"error", r.message}});
  }
  return out;
}

void add_status(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("status",
                                 "One run (JSON), or how many runs are in each status and the "
                                 "bridge's refusals of the last hour");
  auto run = std::make_shared<std::int64_t>(0);
  cmd->add_option("RUN", *run, "run id");
  cmd->footer("Examples:\n  cs351 autograde status 42\n  cs351 autograde status --format json");
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, run, cmd] {
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    if (cmd->count("RUN")) {
      const auto found = ag::current_run(*queue, *run);
      auto j = ag::run_json(*queue, found);
      j["requests"] = ag::requests_json(*queue, found);
      j["log"] = found.log;  // the grader's capped output, for staff only
      write_object(ctx.out(), j, ctx.output());
      return;
    }
    queue->reap_expired(system_clock());
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [status, n] : queue->status_counts()) counts[ag::status_name(status)] = n;
    counts["workers"] = queue->workers(system_clock()).alive;
    counts["refusals_last_hour"] = refusals_json(ctx.store().db());
    write_object(ctx.out(), counts, ctx.output());
  });
}

void add_list(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("list", "List runs, newest first");
  auto o = std::make_shared<ListFlags>();
  cmd->add_option("--status", o->status, "queued|running|succeeded|failed|cancelled")
      ->check(CLI::IsMember({"queued", "running", "succeeded", "failed", "cancelled"}));
  cmd->add_option("--student", o->student, "only runs of this student");
  cmd->add_option("--assignment", o->assignment,
                  "only runs of this assignment (" + std::string(k_assignment_help) + ")");
  cmd->add_option("--limit", o->limit, "at most this many (default 1000)");
  cmd->footer("Example:\n  cs351 autograde list --status failed --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("run_id"), column::key("students"), column::number("score"),
                         column::text("error"), column::date("enqueued_at"),
                         column::low(column::text("dedupe_reason")),
                         column::low(column::number("double_submits")),
                         column::low(column::date("finished_at"))});
  ctx.on_run(cmd, [&ctx, o, cmd] {
    ag::RunFilter filter;
    if (cmd->count("--status")) filter.status = ag::parse_status(o->status);
    if (cmd->count("--student")) filter.student = o->student;
    if (cmd->count("--assignment")) filter.assignment = configured_name(ctx, o->assignment);
    filter.limit = o->limit;
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    Listing listing{{"run_id", "assignment", "students", "status", "score", "error", "enqueued_at",
                     "finished_at", "double_submits", "dedupe_reason"}};
    for (const auto& run : ag::current_runs(*queue, filter))
      listing.rows.push_back(ag::run_json(*queue, run));
    write_timed_listing(ctx.out(), listing, ctx.output(), {"enqueued_at", "finished_at"},
                        display_zone(ctx, nullptr));
  });
}

// A worker started alongside `autograde wait` gets this long to check in.
constexpr std::chrono::seconds k_worker_grace{2};

// For `autograde wait`: says once that the run is queued and nobody works the
// queue. Not an error: the run stays queued and the wait goes on.
std::function<void(const ag::Run&)> missing_worker_note(Context& ctx, ag::Queue& queue) {
  auto told = std::make_shared<bool>(false);
  const auto since = std::chrono::steady_clock::now();
  return [&ctx, &queue, told, since](const ag::Run& run) {
    if (*told || run.status != ag::RunStatus::queued ||
        std::chrono::steady_clock::now() - since < k_worker_grace)
      return;
    const auto now = system_clock().now();
    const auto presence = queue.workers(system_clock());
    if (presence.alive > 0) return;
    *told = true;
    const std::string last =
        presence.last_seen
            ? fmt::format(" (the last one was seen {} ago)",
                          format_duration(std::chrono::duration_cast<std::chrono::seconds>(
                              now - *presence.last_seen)))
            : "";
    ctx.warn(fmt::format(
        "run {} is queued and no worker is alive on the queue in the {}{}; start one with `cs351 "
        "autograde worker`. Still waiting",
        run.id, ag::queue_description(ctx.config(), ctx.store()), last));
  };
}

void add_wait(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "wait", "Wait for a run to finish; exit 0 when it succeeded, 1 when not, 75 on timeout");
  auto o = std::make_shared<WaitFlags>();
  cmd->add_option("RUN", o->run, "run id")->required();
  cmd->add_option("--timeout", o->timeout, "give up after this long (default 10m)");
  cmd->add_option("--results-json", o->results_json, "write the Gradescope results.json here");
  cmd->footer("Example:\n  cs351 autograde wait 42 --timeout 5m --results-json results.json");
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, o] {
    const auto timeout = parse_duration(o->timeout, "--timeout");
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    const auto run = ag::wait_for_run(*queue, o->run, timeout, system_clock(), real_sleeper(),
                                      missing_worker_note(ctx, *queue));
    if (!run)
      throw temporary_error(fmt::format("run {} is not finished after {}", o->run, o->timeout));
    if (!o->results_json.empty()) ag::write_results_file(o->results_json, *ag::results_for(*run));
    write_object(ctx.out(), ag::run_json(*queue, *run), ctx.output());
    if (run->status != ag::RunStatus::succeeded)
      throw Error(ExitCode::failure, ag::run_summary(*run));
  });
}

void add_change(CLI::App& grp, Context& ctx, const std::string& verb, const std::string& help,
                ag::Run (ag::Queue::*change)(std::int64_t, const Clock&)) {
  auto* cmd = grp.add_subcommand(verb, help);
  auto run = std::make_shared<std::int64_t>(0);
  cmd->add_option("RUN", *run, "run id")->required();
  cmd->footer(fmt::format("Example:\n  cs351 autograde {} 42", verb));
  ctx.formats(cmd, k_object_formats);
  ctx.on_run(cmd, [&ctx, run, change] {
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    const auto after = ((*queue).*change)(*run, system_clock());
    write_object(ctx.out(), ag::run_json(*queue, after), ctx.output());
  });
}

void add_migrate(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "migrate", "Create or upgrade the PostgreSQL queue's tables (autograde.queue_url)");
  cmd->footer(
      "Example:\n  CS351_AUTOGRADE_QUEUE_URL=postgresql://cs351@db.example.edu/cs351 cs351 "
      "autograde migrate\n\n"
      "Safe to re-run. A database whose schema is newer than this cs351 knows is refused "
      "(exit 78) and not changed. The SQLite queue needs nothing: it is migrated with the store.");
  ctx.on_run(cmd, [&ctx] {
    const auto m = ag::migrate_queue(ctx.config());
    if (!m) {
      ctx.info(
          fmt::format("the queue is in the SQLite store {}, which migrates itself: nothing to do",
                      ctx.store().path().string()));
    } else if (m->from == m->to) {
      ctx.info(fmt::format("PostgreSQL queue {}: schema version {}, up to date", m->where, m->to));
    } else {
      ctx.info(
          fmt::format("PostgreSQL queue {}: schema version {} -> {}", m->where, m->from, m->to));
    }
  });
}

}  // namespace

void add_autograde_verbs(CLI::App& grp, Context& ctx) {
  add_enqueue(grp, ctx);
  add_worker(grp, ctx);
  add_status(grp, ctx);
  add_list(grp, ctx);
  add_wait(grp, ctx);
  add_change(grp, ctx, "cancel", "Cancel a queued or running run (a running grader is stopped)",
             &ag::Queue::cancel);
  add_change(grp, ctx, "retry", "Queue a failed or cancelled run again (e.g. after 'worker lost')",
             &ag::Queue::retry);
  add_migrate(grp, ctx);
  add_autograde_regrade_verbs(grp, ctx);
  add_autograde_log_verbs(grp, ctx);
  add_autograde_stale_verbs(grp, ctx);
  add_autograde_bridge_verbs(grp, ctx);
}

}  // namespace cs351::cli
