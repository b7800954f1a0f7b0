#pragma once
// Reads transcripts on a few threads while one writer stores what they find.
// Each file's findings come back in batches, in file order and line order,
// so the store ends up the same whatever the scheduling; a worker waits when
// its file is a few batches ahead of the writer, so memory stays bounded
// whatever the size of a file.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "cs351/usage/line_stream.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {

// One file to read, from `start` with the reader's saved state.
struct ReadJob {
  std::filesystem::path path;
  std::string name;  // what the store remembers it by
  Agent agent = Agent::claude;
  std::uint64_t size = 0, start = 0;  // size: when it was planned (for its head hash)
  std::string reader_state;
};

using Finding = std::variant<ApiCall, ToolUse, Prompt>;
// Session id -> first and last time seen.
using SessionSpans = std::map<std::string, std::pair<std::string, std::string>, std::less<>>;

// Part of one file's findings; the last batch also says how the file ended.
// Copies of one call within a batch are already merged (see merge_copy).
struct Batch {
  std::vector<Finding> findings;
  std::int64_t calls_read = 0;  // every copy
  bool last = false;
  StreamResult stream;
  std::map<Skip, std::int64_t> skipped;
  SessionSpans sessions;
  std::string reader_state, head_hash;
};

class ReadPool {
 public:
  ReadPool(std::vector<ReadJob> jobs, unsigned workers, std::int64_t max_line_bytes);
  ~ReadPool();
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;

  // The next batch of job `index`, waiting for it; rethrows the worker's error
  // for that file. Jobs must be taken in order, each up to its last batch.
  Batch next(std::size_t index);

 private:
  struct Channel {
    std::deque<Batch> batches;
    std::exception_ptr error;
  };

  void work();
  void read(std::size_t index);
  // Waits for room; throws when the pool is closing.
  void push(std::size_t index, Batch&& batch);

  std::vector<ReadJob> m_jobs;
  std::int64_t m_max_line_bytes;
  std::vector<Channel> m_channels;
  std::size_t m_next_job = 0;
  bool m_closing = false;
  std::mutex m_mutex;
  std::condition_variable m_ready, m_room;
  std::vector<std::thread> m_threads;
};

// De-duplication's rule, as the store's upsert applies it: `copy` replaces
// `kept` when its total is larger, or equal and it is not a sidechain copy
// where `kept` is. Applied in any grouping it keeps the same copy.
bool replaces(const ApiCall& copy, const ApiCall& kept);

// Worker threads for an import: the machine's cores, at most 4, at least 1.
unsigned default_read_workers();

}  // namespace cs351::usage
