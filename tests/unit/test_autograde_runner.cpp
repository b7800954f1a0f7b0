#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <thread>

#include "cs351/autograde/runner.h"
#include "cs351/autograde/slot_gate.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

// Processes whose command line mentions `token`, found through /proc.
int processes_with(const std::string& token) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    const std::string cmdline(std::istreambuf_iterator<char>(in), {});
    if (cmdline.find(token) != std::string::npos) ++n;
  }
  return n;
}

GraderSpec spec_for(const test::ScratchDir& dir, std::string command) {
  GraderSpec spec;
  spec.command = std::move(command);
  spec.workdir = dir.path();
  spec.timeout = 20s;
  return spec;
}

// A listening socket on host loopback; connecting to it proves network access.
struct Listener {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  Listener() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd, 4) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~Listener() { close(fd); }
};

}  // namespace

TEST_SUITE_BEGIN("autograde/runner");

TEST_CASE("runs the command in its working directory with only the given environment") {
  test::ScratchDir dir;
  setenv("AWS_SECRET_ACCESS_KEY", "cs351-unit-secret", 1);
  for (auto isolation : {Isolation::sandbox, Isolation::process_group}) {
    CAPTURE(isolation_name(isolation));
    auto spec = spec_for(
        dir, "echo \"$CS351_ASSIGNMENT in $(pwd) home $HOME\"; env; echo oops >&2; exit 3");
    spec.env = {{"CS351_ASSIGNMENT", "hw1"}};
    spec.isolation = isolation;
    const auto r = run_grader(spec);
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.signal);
    CHECK_FALSE(r.timed_out);
    const auto view = grader_view(spec).string();
    CHECK(r.output.find("hw1 in " + view + " home " + view) != std::string::npos);
    CHECK(r.output.find("oops") != std::string::npos);
    CHECK(r.output.find("cs351-unit-secret") == std::string::npos);
  }
  unsetenv("AWS_SECRET_ACCESS_KEY");
  CHECK(grader_view(spec_for(dir, "")).string() == "/autograder");
}

TEST_CASE("a timeout kills the whole sandbox, including a grandchild that called setsid") {
  REQUIRE_MESSAGE(sandbox_problem().empty(), sandbox_problem());
  test::ScratchDir dir;
  const std::string token = "cs351-runner-token-" + std::to_string(getpid());
  auto spec = spec_for(dir, "setsid sh -c 'sleep 1000; : " + token +
                                "' & sh -c 'sleep 1000; : " + token + "' & echo started; wait");
  spec.timeout = 700ms;
  const auto r = run_grader(spec);
  CHECK(r.timed_out);
  CHECK(r.isolation == Isolation::sandbox);
  CHECK(r.output.find("started") != std::string::npos);
  CHECK(processes_with(token) == 0);
}

TEST_CASE("a run directory over its disk limit is stopped") {
  test::ScratchDir dir;
  auto spec = spec_for(dir, "i=0; while :; do head -c 1000000 /dev/zero > f$i; i=$((i+1)); done");
  spec.limits.disk = 8ULL << 20;
  spec.tick = 20ms;
  const auto r = run_grader(spec);
  CHECK(r.disk_exceeded);
  CHECK_FALSE(r.timed_out);
}

TEST_CASE("the process limit contains a fork bomb and the limits are described") {
  test::ScratchDir dir;
  auto spec = spec_for(dir, "for i in $(seq 100); do sleep 5 & done; echo forked");
  spec.limits.processes = 20;
  spec.timeout = 3s;
  const auto r = run_grader(spec);
  CHECK(r.output.find("forked") == std::string::npos);  // the shell could not fork the 100
  CHECK(r.limits.find("processes 20") != std::string::npos);
  CHECK(r.limits.find("cpu 4s") != std::string::npos);
}

TEST_CASE("the process-group fallback kills the group at the timeout") {
  test::ScratchDir dir;
  const std::string token = "cs351-runner-pg-" + std::to_string(getpid());
  auto spec = spec_for(dir, "sh -c 'sleep 1000; : " + token + "' & wait");
  spec.isolation = Isolation::process_group;
  spec.timeout = 500ms;
  const auto r = run_grader(spec);
  CHECK(r.timed_out);
  CHECK(r.signal == SIGKILL);
  CHECK(processes_with(token) == 0);
}

TEST_CASE("output is capped and says so") {
  test::ScratchDir dir;
  auto spec = spec_for(dir, "head -c 3000000 /dev/zero | tr '\\0' x");
  spec.output_cap = 1000;
  const auto r = run_grader(spec);
  CHECK(r.exit_code == 0);
  CHECK(r.output.size() < 1100);
  CHECK(r.output.find("output truncated, 2999000 more bytes dropped") != std::string::npos);
}

TEST_CASE("keep_going returning false stops the grader") {
  test::ScratchDir dir;
  auto spec = spec_for(dir, "sleep 1000");
  int calls = 0;
  spec.tick = 10ms;
  spec.keep_going = [&] { return ++calls < 3; };
  const auto r = run_grader(spec);
  CHECK(r.stopped);
  CHECK_FALSE(r.timed_out);
  CHECK(r.elapsed < 10s);
}

TEST_CASE("network=false cuts the network inside the sandbox") {
  test::ScratchDir dir;
  Listener listener;
  auto spec = spec_for(dir, "python3 -c \"import socket; socket.create_connection(('127.0.0.1', " +
                                std::to_string(listener.port) + "), 2)\"");
  spec.network = true;
  CHECK(run_grader(spec).exit_code == 0);
  spec.network = false;
  const auto cut = run_grader(spec);
  CHECK(cut.exit_code != 0);
  CHECK(cut.output.find("rror") != std::string::npos);  // OSError / ConnectionRefusedError
}

TEST_CASE("a memory limit applies to the grader") {
  test::ScratchDir dir;
  auto spec = spec_for(dir, "python3 -c 'x = bytearray(400 * 1024 * 1024)'");
  CHECK(run_grader(spec).exit_code == 0);
  spec.limits.memory_bytes = 200ULL << 20;
  const auto r = run_grader(spec);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("MemoryError") != std::string::npos);
}

TEST_SUITE_END();

// The epoch nanoseconds a grader wrote to started.txt in its run directory.
long long started_at(const test::ScratchDir& dir) {
  std::ifstream in(dir.path() / "started.txt");
  long long ns = 0;
  in >> ns;
  return ns;
}

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_CASE("with a slot gate the grader starts only once it holds a slot, its timeout from then") {
  for (auto isolation : {Isolation::sandbox, Isolation::process_group}) {
    CAPTURE(isolation_name(isolation));
    test::ScratchDir dir;
    auto spec = spec_for(dir, "date +%s%N > \"$HOME/started.txt\"");
    spec.isolation = isolation;
    spec.timeout = 2s;
    SlotGate gate(1);
    REQUIRE(gate.enter(nullptr, 1ms));  // the slot is busy
    spec.slots = &gate;
    GraderResult r;
    std::thread grader([&] { r = run_grader(spec); });
    std::this_thread::sleep_for(2500ms);  // longer than the timeout: a clock started early fires
    const long long freed = now_ns();
    gate.leave();
    grader.join();
    CHECK(r.exit_code == 0);
    CHECK_FALSE(r.timed_out);
    CHECK(started_at(dir) >= freed);
    CHECK(gate.enter([] { return false; }, 1ms));  // the grader gave its slot back
  }
}

TEST_CASE("a run lost while it waits for a slot never starts its grader") {
  for (auto isolation : {Isolation::sandbox, Isolation::process_group}) {
    CAPTURE(isolation_name(isolation));
    test::ScratchDir dir;
    const std::string token = "never-started-" + std::to_string(getpid());
    auto spec = spec_for(dir, "date +%s%N > \"$HOME/started.txt\"; : " + token);
    spec.isolation = isolation;
    spec.tick = 10ms;
    int calls = 0;
    spec.keep_going = [&] { return ++calls < 3; };
    SlotGate gate(1);
    REQUIRE(gate.enter(nullptr, 1ms));
    spec.slots = &gate;
    const auto r = run_grader(spec);
    CHECK(r.stopped);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "started.txt"));
    CHECK(processes_with(token) == 0);  // the sandbox set up for it is gone too
  }
}
