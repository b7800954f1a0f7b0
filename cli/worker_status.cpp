#include "cli/worker_status.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "cs351/autograde/queue.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

std::string queue_line(SQLite::Database& db) {
  std::map<std::string, std::int64_t> n;
  for (const auto& [status, count] : ag::status_counts(db)) n[ag::status_name(status)] = count;
  return fmt::format("queue: {} running, {} queued, {} succeeded, {} failed", n["running"],
                     n["queued"], n["succeeded"], n["failed"]);
}

}  // namespace

WorkerStatusLine::WorkerStatusLine(const Context& ctx, store::StoreFactory open_store)
    : m_ctx(ctx), m_progress(ctx) {
  if (m_progress.enabled())
    m_thread = std::thread([this, open_store] { refresh_until_done(open_store); });
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

void WorkerStatusLine::refresh_until_done(const store::StoreFactory& open_store) {
  auto store = open_store();
  while (!m_done) {
    std::string line;
    try {
      line = queue_line(store->db());
    } catch (const std::exception&) {  // busy store: keep the last line, try next second
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
