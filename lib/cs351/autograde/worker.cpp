#include "cs351/autograde/worker.h"
#include "cs351/autograde/settings.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/grading.h"
#include "cs351/autograde/queue.h"
#include "cs351/autograde/run_cgroup.h"
#include "cs351/autograde/run_dir.h"
#include "cs351/autograde/run_lease.h"
#include "cs351/autograde/service.h"
#include "cs351/autograde/slot_gate.h"
#include "cs351/core/backoff.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace {

using std::chrono::milliseconds;

// This process in the queue's worker registry. It stays alive for three of its
// own intervals: an idle worker checks in as it polls, a busy one as it beats.
WorkerCheckIn worker_identity(const WorkerOptions& options) {
  return {host_name(), getpid(), 3 * std::max(options.poll_interval, options.heartbeat)};
}

// State shared by the threads of one worker process.
class Shared {
 public:
  Shared(const Config& config, const WorkerOptions& options, const std::atomic<bool>& stop,
         const std::function<void(const std::string&)>& log)
      : config(config),
        options(options),
        stop(stop),
        identity(worker_identity(options)),
        slots(options.concurrency),
        m_log(log) {}

  const Config& config;
  const WorkerOptions& options;
  const std::atomic<bool>& stop;
  const WorkerCheckIn identity;
  SlotGate slots;  // --concurrency graders at once (autograde.prepare_ahead: one more is readied)
  std::atomic<int> claimed{0};
  std::atomic<int> in_flight{0};

  // Tells the queue this process is alive, at most once per poll interval
  // whichever thread asks. A queue that cannot be reached is the claim's to report.
  void check_in(Queue& queue) {
    const TimePoint now = options.clock->now();
    auto last = m_last_check_in.load();
    if (last != TimePoint{} && now >= last && now - last < options.poll_interval) return;
    if (!m_last_check_in.compare_exchange_strong(last, now)) return;
    try {
      queue.check_in(identity, *options.clock);
    } catch (const std::exception&) {
    }
  }

  void log(const std::string& line) {
    std::lock_guard lock(m_mutex);
    m_log(line);
  }
  void count(const Run& run, bool written) {
    std::lock_guard lock(m_mutex);
    if (!written) {
      ++m_report.discarded;
    } else if (run.status == RunStatus::succeeded) {
      ++m_report.succeeded;
    } else {
      ++m_report.failed;
    }
  }
  WorkerReport report() {
    std::lock_guard lock(m_mutex);
    return m_report;
  }
  // Reserves one of --max-runs; false when they are used up.
  bool reserve() { return !options.max_runs || claimed.fetch_add(1) < *options.max_runs; }
  void unreserve() {
    if (options.max_runs) claimed.fetch_sub(1);
  }

 private:
  std::function<void(const std::string&)> m_log;
  std::atomic<TimePoint> m_last_check_in{};
  std::mutex m_mutex;
  WorkerReport m_report;
};

Outcome grade_claimed(Shared& shared, Queue& queue, const Run& run, LeaseKeeper& keeper,
                      const std::filesystem::path& work) {
  AssignmentConfig assignment;
  try {
    assignment = require_assignment(shared.config, run.assignment);
  } catch (const Error& e) {
    Outcome out;
    out.error = fmt::format("not gradable on this worker: {}", e.what());
    return out;
  }
  GradingContext context{queue.artifacts(),
                         work,
                         shared.options.isolation,
                         [&keeper] { return keeper.beat(); },
                         &shared.slots,
                         shared.options.sleep};
  return grade(run, assignment, context);
}

void process(Shared& shared, Queue& queue, const Run& run, const std::filesystem::path& work) {
  const Clock& clock = *shared.options.clock;
  LeaseKeeper keeper(queue, run, {shared.options.lease, shared.options.heartbeat}, clock,
                     [&] { shared.check_in(queue); });
  const Outcome outcome = grade_claimed(shared, queue, run, keeper, work);
  const Written written =
      write_outcome(queue, run, outcome, keeper.expires(), clock, shared.options.sleep,
                    [&](const std::string& why) {
                      shared.log(fmt::format("{}: cannot write the result yet: {}; retrying",
                                             run_label(run), why));
                    });
  Run done = run;
  done.status = outcome.status;
  done.score = outcome.score;
  done.error = outcome.error;
  shared.count(done, written == Written::yes);
  switch (written) {
    case Written::yes:
      shared.log(labelled_summary(done));
      break;
    case Written::refused:
      shared.log(
          fmt::format("{}: lease lost (cancelled or expired); result discarded", run_label(run)));
      break;
    case Written::expired:
      shared.log(
          fmt::format("{}: the queue was unreachable until the lease expired; result discarded",
                      run_label(run)));
      break;
  }
}

// The assignments this worker claims: the configured ones, narrowed by --assignment.
std::vector<std::string> claimable(const Config& config, const WorkerOptions& options) {
  const auto configured = assignment_names(config);
  if (!options.assignments) return configured;
  for (const auto& name : *options.assignments) require_assignment(config, name);
  return *options.assignments;
}

void work_loop(Shared& shared, int index) {
  auto store = shared.options.open_store();
  auto queue = shared.options.open_queue(*store);
  const ClaimRequest request{fmt::format("{}:{}:{}", host_name(), getpid(), index),
                             shared.options.lease, claimable(shared.config, shared.options)};
  int failures = 0;
  while (!shared.stop) {
    shared.check_in(*queue);
    if (!shared.reserve()) return;
    std::optional<Run> run;
    try {
      run = queue->claim(request, *shared.options.clock);
      if (failures > 0)
        shared.log(fmt::format("{}: the queue is reachable again", request.worker_id));
      failures = 0;
    } catch (const std::exception& e) {
      if (failures++ == 0)
        shared.log(fmt::format("{}: cannot claim: {}", request.worker_id, e.what()));
    }
    if (!run) {
      shared.unreserve();
      if (shared.options.once && shared.in_flight == 0 && failures == 0) return;
      queue->wait_for_work(
          failures > 0 ? backoff_delay({milliseconds(250), milliseconds(5'000), true}, failures)
                       : shared.options.poll_interval,
          shared.stop);
      continue;
    }
    ++shared.in_flight;
    process(shared, *queue, *run, work_dir(*store));
    --shared.in_flight;
  }
}

// A run directory is still in use while its attempt runs on a live worker;
// a dead worker on this host (its pid is gone) cannot be using it.
bool in_use(const std::optional<Run>& run, int attempt) {
  if (!run || run->status != RunStatus::running || run->attempt != attempt) return false;
  const auto parts = split(run->worker_id, ':');
  if (parts.size() < 2 || parts[0] != host_name()) return true;
  const pid_t pid = static_cast<pid_t>(std::atoll(parts[1].c_str()));
  return pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH);
}

// Removes what runs of killed workers left in the work directory (student files).
void remove_leftovers(const WorkerOptions& options,
                      const std::function<void(const std::string&)>& log) {
  auto store = options.open_store();
  auto queue = options.open_queue(*store);
  queue->reap_expired(*options.clock);
  int removed = 0;
  for (const auto& dir : list_run_dirs(work_dir(*store))) {
    if (in_use(queue->find(dir.run_id), dir.attempt)) continue;
    if (remove_run_dir(dir.path)) ++removed;
  }
  if (removed > 0)
    log(fmt::format("worker: removed {} run director{} left by lost runs", removed,
                    removed == 1 ? "y" : "ies"));
}

// A clean stop ends this process's presence at once, rather than when it would have aged out.
void check_out(const WorkerOptions& options, const WorkerCheckIn& identity) {
  try {
    auto store = options.open_store();
    options.open_queue(*store)->check_out(identity, *options.clock);
  } catch (const std::exception&) {
  }
}

void check_isolation(const WorkerOptions& options,
                     const std::function<void(const std::string&)>& log) {
  if (options.isolation == Isolation::process_group) {
    log("worker: isolation process-group: graders see the whole machine as this user "
        "(store, config, network); use only for trusted code");
    return;
  }
  if (!sandbox_problem().empty()) {
    throw config_error(
        fmt::format("the grader sandbox does not work here: {}. Install bubblewrap, or set "
                    "autograde.isolation = \"process-group\" to run graders unconfined",
                    sandbox_problem()));
  }
  if (!cgroup_parents() && !options.rlimits_only) {
    throw config_error(fmt::format(
        "no cgroup for the runs' memory and process limits: {}. Run the worker as root "
        "(cgroup v1) or in a delegated cgroup v2, or set autograde.limits = \"rlimits-only\"",
        cgroup_problem()));
  }
  if (cgroup_parents()) remove_stale_cgroups(*cgroup_parents());
  log(cgroup_parents() ? "worker: limits: a cgroup per run, seccomp filter"
                       : "worker: limits: rlimits only (no cgroup), seccomp filter");
}

}  // namespace

void apply_worker_settings(const Config& config, WorkerOptions& options) {
  options.lease = config.value(keys::lease);
  options.heartbeat = config.get(keys::heartbeat).value_or(options.lease / 3);
  if (options.heartbeat >= options.lease)
    throw config_error("setting 'autograde.heartbeat' must be less than autograde.lease");
  options.poll_interval = config.value(keys::poll_interval);
  options.isolation = parse_isolation(config.value(keys::isolation)).value();
  options.rlimits_only = config.value(keys::limits) == "rlimits-only";
  options.prepare_ahead = config.value(keys::prepare_ahead);
}

WorkerReport run_worker(const Config& config, const WorkerOptions& options,
                        const std::atomic<bool>& stop,
                        const std::function<void(const std::string&)>& log) {
  if (options.concurrency < 1) throw usage_error("a worker needs at least one thread");
  claimable(config, options);  // an unknown --assignment is a usage error before anything starts
  check_isolation(options, log);
  remove_leftovers(options, log);
  Shared shared(config, options, stop, log);
  std::vector<std::thread> threads;
  for (int i = 0; i < options.concurrency + (options.prepare_ahead ? 1 : 0); ++i) {
    threads.emplace_back([&shared, i] {
      try {
        work_loop(shared, i);
      } catch (const std::exception& e) {
        shared.log(fmt::format("worker thread {} stopped: {}", i, e.what()));
      }
    });
  }
  for (auto& t : threads) t.join();
  check_out(options, shared.identity);
  return shared.report();
}

}  // namespace cs351::autograde
