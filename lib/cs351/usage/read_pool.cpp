#include "cs351/usage/read_pool.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "cs351/usage/file_log.h"

namespace cs351::usage {
namespace {

// Findings per batch, and batches a file may run ahead of the writer: a few
// MiB per worker at most.
constexpr std::size_t k_batch_findings = 512;
constexpr std::size_t k_batches_ahead = 4;

// Collects a reader's findings into the batch being filled; sessions are
// widened here, once per file, rather than sent line by line. A streamed
// reply is written as many lines carrying the same call: those copies are
// merged here, where the call first appeared, so the writer stores one.
class BatchSink final : public Sink {
 public:
  explicit BatchSink(Batch& batch) : m_batch(batch) {}
  // The batch was handed over: a new one starts.
  void restart() { m_calls.clear(); }
  void call(ApiCall&& c) override {
    ++m_batch.calls_read;
    const auto [it, fresh] = m_calls.try_emplace(c.key, m_batch.findings.size());
    if (fresh) {
      m_batch.findings.emplace_back(std::move(c));
      return;
    }
    auto& kept = std::get<ApiCall>(m_batch.findings[it->second]);
    if (replaces(c, kept)) kept = std::move(c);
  }
  void tool(ToolUse&& t) override { m_batch.findings.emplace_back(std::move(t)); }
  void prompt(Prompt&& p) override { m_batch.findings.emplace_back(std::move(p)); }
  void activity(std::string_view session_id, std::string_view at) override {
    const auto it = m_sessions.find(session_id);
    if (it == m_sessions.end()) {
      m_sessions.emplace(session_id, std::pair{std::string(at), std::string(at)});
    } else if (at < it->second.first) {
      it->second.first = at;
    } else if (at > it->second.second) {
      it->second.second = at;
    }
  }
  SessionSpans take_sessions() { return std::move(m_sessions); }

 private:
  Batch& m_batch;
  std::unordered_map<std::string, std::size_t> m_calls;  // key -> index in the batch
  SessionSpans m_sessions;
};

// Thrown out of a read when the writer has gone (it failed): nobody needs the rest.
struct Closing {};

}  // namespace

bool replaces(const ApiCall& copy, const ApiCall& kept) {
  return copy.total() > kept.total() ||
         (copy.total() == kept.total() && kept.sidechain && !copy.sidechain);
}

unsigned default_read_workers() {
  return std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

ReadPool::ReadPool(std::vector<ReadJob> jobs, unsigned workers, std::int64_t max_line_bytes)
    : m_jobs(std::move(jobs)), m_max_line_bytes(max_line_bytes), m_channels(m_jobs.size()) {
  const auto n = std::min<std::size_t>(std::max(workers, 1u), m_jobs.size());
  for (std::size_t i = 0; i < n; ++i) m_threads.emplace_back([this] { work(); });
}

ReadPool::~ReadPool() {
  {
    const std::lock_guard lock(m_mutex);
    m_closing = true;
  }
  m_room.notify_all();
  for (auto& t : m_threads) t.join();
}

// Jobs are taken in order, so the one the writer waits for is always being
// read or done: a worker blocked on a later file never holds it up.
void ReadPool::work() {
  for (;;) {
    std::size_t index;
    {
      const std::lock_guard lock(m_mutex);
      if (m_closing || m_next_job == m_jobs.size()) return;
      index = m_next_job++;
    }
    try {
      read(index);
    } catch (const Closing&) {
      return;
    } catch (...) {
      {
        const std::lock_guard lock(m_mutex);
        m_channels[index].error = std::current_exception();
      }
      m_ready.notify_all();
    }
  }
}

void ReadPool::read(std::size_t index) {
  const auto& job = m_jobs[index];
  auto reader = make_reader(job.agent);
  if (!job.reader_state.empty()) reader->restore(job.reader_state);
  Batch batch;
  BatchSink sink(batch);
  std::string where = job.name + ':';
  const auto r = stream_lines(
      job.path, job.start, m_max_line_bytes,
      [&](std::string_view line, std::uint64_t offset) {
        // "<file>:<offset>" in one buffer for the whole file: a line is not worth an allocation.
        where.resize(job.name.size() + 1);
        fmt::format_to(std::back_inserter(where), "{}", offset);
        const auto skip = reader->read_line(line, where, sink);
        if (skip != Skip::none) ++batch.skipped[skip];
        if (batch.findings.size() >= k_batch_findings) {
          push(index, std::exchange(batch, Batch{}));
          sink.restart();
          batch.findings.reserve(k_batch_findings);
        }
      },
      [](std::string_view tail) { return nlohmann::json::accept(tail); });
  batch.last = true;
  batch.stream = r;
  batch.sessions = sink.take_sessions();
  batch.reader_state = reader->state();
  batch.head_hash = head_hash(job.path, job.size);
  push(index, std::move(batch));
}

void ReadPool::push(std::size_t index, Batch&& batch) {
  {
    std::unique_lock lock(m_mutex);
    auto& q = m_channels[index].batches;
    m_room.wait(lock, [&] { return m_closing || q.size() < k_batches_ahead; });
    if (m_closing) throw Closing{};
    q.push_back(std::move(batch));
  }
  m_ready.notify_all();
}

Batch ReadPool::next(std::size_t index) {
  Batch out;
  {
    std::unique_lock lock(m_mutex);
    auto& c = m_channels[index];
    m_ready.wait(lock, [&] { return !c.batches.empty() || c.error; });
    if (c.batches.empty()) std::rethrow_exception(c.error);
    out = std::move(c.batches.front());
    c.batches.pop_front();
  }
  m_room.notify_all();
  return out;
}

}  // namespace cs351::usage
