#include "cs351/autograde/queue.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <thread>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

constexpr std::array<const char*, 5> k_status_names{"queued", "running", "succeeded", "failed",
                                                    "cancelled"};

}  // namespace

const char* status_name(RunStatus s) {
  return k_status_names[static_cast<std::size_t>(s)];
}

std::optional<RunStatus> parse_status(const std::string& name) {
  for (std::size_t i = 0; i < k_status_names.size(); ++i) {
    if (name == k_status_names[i]) return static_cast<RunStatus>(i);
  }
  return std::nullopt;
}

// Without a way to be told, an idle worker polls: sleep, waking early when asked to stop.
void Queue::wait_for_work(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!stop && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

void Queue::check_in(const WorkerCheckIn&, const Clock&) {}
void Queue::check_out(const WorkerCheckIn&, const Clock&) {}

Run require_run(Queue& queue, std::int64_t id) {
  auto run = queue.find(id);
  if (!run) throw data_error(fmt::format("no run {}", id));
  return *run;
}

}  // namespace cs351::autograde
