#pragma once
// `autograde worker` on a terminal: a live "queue: 2 running, 14 queued, 31 succeeded,
// 1 failed" line under the worker's log, refreshed every second from its own queue
// connection (SQLite or PostgreSQL). Nothing when stderr is not a terminal or -q is given.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "cli/progress.h"
#include "cs351/autograde/queue_backend.h"

namespace cs351::cli {

class WorkerStatusLine {
 public:
  WorkerStatusLine(const Context& ctx, store::StoreFactory open_store,
                   autograde::QueueOpener open_queue);
  ~WorkerStatusLine();
  WorkerStatusLine(const WorkerStatusLine&) = delete;
  WorkerStatusLine& operator=(const WorkerStatusLine&) = delete;

  // Prints a log line above the status line (safe from any worker thread); -q silences it.
  void log(const std::string& line);

 private:
  void refresh_until_done(autograde::Queue& queue);

  const Context& m_ctx;
  Progress m_progress;
  std::mutex m_mutex;
  std::string m_line;
  std::atomic<bool> m_done{false};
  std::thread m_thread;
};

}  // namespace cs351::cli
