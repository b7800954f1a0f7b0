#pragma once
// The worker: N threads, each with its own store connection, claiming runs,
// grading them with a heartbeat on the lease, and writing the outcome.
// Any number of worker processes may share one store.

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/queue_backend.h"
#include "cs351/autograde/runner.h"
#include "cs351/core/clock.h"
#include "cs351/core/config.h"
#include "cs351/core/sleeper.h"
#include "cs351/store/store.h"

namespace cs351::autograde {

struct WorkerOptions {
  store::StoreFactory
      open_store;          // one connection per worker thread (the work directory is beside it)
  QueueOpener open_queue;  // one queue connection per worker thread
  // Claim only runs of these assignments (--assignment); nullopt: every configured one.
  std::optional<std::vector<std::string>> assignments;
  int concurrency = 1;
  std::optional<int> max_runs;  // stop after claiming this many
  bool once = false;            // stop when nothing is claimable and nothing is running here
  std::chrono::milliseconds lease{60'000};
  std::chrono::milliseconds heartbeat{20'000};  // renewal interval; lease/3 unless configured
  std::chrono::milliseconds poll_interval{1'000};
  Isolation isolation = Isolation::sandbox;
  bool rlimits_only = false;  // autograde.limits = "rlimits-only": run without a cgroup
  bool prepare_ahead = true;  // one more thread than slots: the next run waits ready to start
  // Leases, heartbeats, check-ins and result retries read this clock and wait through
  // this sleeper (unit tests pass a ManualClock and a sleeper that advances it).
  const Clock* clock = &system_clock();
  Sleeper sleep = real_sleeper();
};

// Reads autograde.lease, autograde.heartbeat, autograde.poll_interval,
// autograde.prepare_ahead and autograde.isolation into `options` (config Error, exit 78, for
// malformed values).
void apply_worker_settings(const Config& config, WorkerOptions& options);

struct WorkerReport {
  int succeeded = 0;
  int failed = 0;
  int discarded = 0;  // finished after losing the lease (cancelled or expired): result not written
};

// Runs until `stop` is set (finishing the runs in hand), or --once/--max-runs
// say it is done. `log` receives one line per run and per problem (from
// several threads, one call at a time).
WorkerReport run_worker(const Config& config, const WorkerOptions& options,
                        const std::atomic<bool>& stop,
                        const std::function<void(const std::string&)>& log);

}  // namespace cs351::autograde
