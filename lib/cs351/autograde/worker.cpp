#include "cs351/autograde/worker.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "cs351/autograde/artifacts.h"
#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/grading.h"
#include "cs351/autograde/queue.h"
#include "cs351/autograde/run_dir.h"
#include "cs351/autograde/service.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace {

using std::chrono::milliseconds;

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

// State shared by the threads of one worker process.
class Shared {
 public:
  Shared(const Config& config, const WorkerOptions& options, const std::atomic<bool>& stop,
         const std::function<void(const std::string&)>& log)
      : config(config), options(options), stop(stop), m_log(log) {}

  const Config& config;
  const WorkerOptions& options;
  const std::atomic<bool>& stop;
  std::atomic<int> claimed{0};
  std::atomic<int> in_flight{0};

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
  std::mutex m_mutex;
  WorkerReport m_report;
};

// Sleeps up to `d`, waking early when asked to stop.
void pause(const std::atomic<bool>& stop, milliseconds d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (!stop && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(milliseconds(20));
}

std::function<bool()> heartbeat_for(RunQueue& queue, const Run& run, milliseconds lease) {
  auto last =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  return [&queue, run, lease, last] {
    const auto now = std::chrono::steady_clock::now();
    if (now - *last < lease / 3) return true;
    *last = now;
    try {
      return queue.heartbeat(run, lease, system_clock());
    } catch (const std::exception&) {
      return true;  // a busy store is not a lost lease; the next beat tries again
    }
  };
}

Outcome grade_claimed(Shared& shared, RunQueue& queue, const Run& run,
                      const ArtifactStore& artifacts, const std::filesystem::path& work) {
  AssignmentConfig assignment;
  try {
    assignment = require_assignment(shared.config, run.assignment);
  } catch (const Error& e) {
    Outcome out;
    out.error = fmt::format("not gradable on this worker: {}", e.what());
    return out;
  }
  GradingContext context{artifacts, work, shared.options.isolation,
                         heartbeat_for(queue, run, shared.options.lease)};
  return grade(run, assignment, context);
}

void process(Shared& shared, RunQueue& queue, const Run& run, const ArtifactStore& artifacts,
             const std::filesystem::path& work) {
  const Outcome outcome = grade_claimed(shared, queue, run, artifacts, work);
  const bool written = queue.finish(run, outcome, system_clock());
  Run done = run;
  done.status = outcome.status;
  done.score = outcome.score;
  done.error = outcome.error;
  shared.count(done, written);
  shared.log(
      written ? run_summary(done)
              : fmt::format("run {}: lease lost (cancelled or expired); result discarded", run.id));
}

void work_loop(Shared& shared, int index) {
  auto store = shared.options.open_store();
  RunQueue queue(store->db());
  const ArtifactStore artifacts(artifacts_dir(*store));
  const std::string worker_id = fmt::format("{}:{}:{}", host_name(), getpid(), index);
  while (!shared.stop) {
    if (!shared.reserve()) return;
    std::optional<Run> run;
    try {
      run = queue.claim(worker_id, shared.options.lease, system_clock());
    } catch (const std::exception& e) {
      shared.log(fmt::format("{}: cannot claim: {}", worker_id, e.what()));
    }
    if (!run) {
      shared.unreserve();
      if (shared.options.once && shared.in_flight == 0) return;
      pause(shared.stop, shared.options.poll_interval);
      continue;
    }
    ++shared.in_flight;
    process(shared, queue, *run, artifacts, work_dir(*store));
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
  reap_expired(store->db(), system_clock());
  int removed = 0;
  for (const auto& dir : list_run_dirs(work_dir(*store))) {
    if (in_use(find_run(store->db(), dir.run_id), dir.attempt)) continue;
    if (remove_run_dir(dir.path)) ++removed;
  }
  if (removed > 0)
    log(fmt::format("worker: removed {} run director{} left by lost runs", removed,
                    removed == 1 ? "y" : "ies"));
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
}

}  // namespace

void apply_worker_settings(const Config& config, WorkerOptions& options) {
  if (auto lease = config.get_duration("autograde.lease")) options.lease = *lease;
  if (options.lease < milliseconds(300))
    throw config_error("setting 'autograde.lease' must be at least 300ms");
  if (auto poll = config.get_duration("autograde.poll_interval")) options.poll_interval = *poll;
  const std::string isolation = config.get_or("autograde.isolation", "sandbox");
  auto parsed = parse_isolation(isolation);
  if (!parsed) {
    throw config_error(fmt::format(
        "setting 'autograde.isolation' must be sandbox or process-group, got '{}'", isolation));
  }
  options.isolation = *parsed;
}

WorkerReport run_worker(const Config& config, const WorkerOptions& options,
                        const std::atomic<bool>& stop,
                        const std::function<void(const std::string&)>& log) {
  if (options.concurrency < 1) throw usage_error("a worker needs at least one thread");
  check_isolation(options, log);
  remove_leftovers(options, log);
  Shared shared(config, options, stop, log);
  std::vector<std::thread> threads;
  for (int i = 0; i < options.concurrency; ++i) {
    threads.emplace_back([&shared, i] {
      try {
        work_loop(shared, i);
      } catch (const std::exception& e) {
        shared.log(fmt::format("worker thread {} stopped: {}", i, e.what()));
      }
    });
  }
  for (auto& t : threads) t.join();
  return shared.report();
}

}  // namespace cs351::autograde
