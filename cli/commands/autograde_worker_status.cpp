#include "cli/commands/autograde_worker_status.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "cs351/autograde/queue_backend.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

std::string queue_line(ag::Queue& queue) {
  std::map<std::string, std::int64_t> n;
  for (const auto& [status, count] : queue.status_counts()) n[ag::status_name(status)] = count;
  return fmt::format("queue: running {}, queued {}, succeeded {}, failed {}", n["running"],
                     n["queued"], n["succeeded"], n["failed"]);
}

}  // namespace

WorkerStatusLine::WorkerStatusLine(const Context& ctx, store::StoreFactory open_store,
                                   autograde::QueueOpener open_queue)
    : m_ctx(ctx), m_progress(ctx) {
  if (m_progress.enabled())
    m_thread = std::thread([this, open_store, open_queue] {
      auto store = open_store();
      refresh_until_done(*open_queue(*store));
    });
}

WorkerStatusLine::~WorkerStatusLine() {
  m_done = true;
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard lock(m_mutex);
  m_progress.clear();
}

void WorkerStatusLine::log(const std::string& line) {
  std::lock_guard lock(m_mutex);
  m_progress.clear();
  m_ctx.info(line);
  if (!m_line.empty()) m_progress.status(m_line);
}

void WorkerStatusLine::refresh_until_done(autograde::Queue& queue) {
  while (!m_done) {
    std::string line;
    try {
      line = queue_line(queue);
    } catch (const std::exception&) {  // busy store or lost connection: keep the last line
      line = m_line;
    }
    {
      std::lock_guard lock(m_mutex);
      m_line = std::move(line);
      m_progress.status(m_line);
    }
    for (int i = 0; i < 10 && !m_done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace cs351::cli
