#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include "cs351/autograde/run_lease.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/roster/course.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;
using std::chrono::milliseconds;

namespace {

// The real SQLite queue, with its connection cut on demand: heartbeats and result
// writes throw while `reachable` is false (as PgQueue does when the server is gone).
class CuttableQueue : public SqliteQueue {
 public:
  using SqliteQueue::SqliteQueue;
  bool reachable = true;
  int heartbeats = 0;  // every call, answered or not
  int finishes = 0;

  bool heartbeat(const Run& run, milliseconds lease, const Clock& clock) override {
    ++heartbeats;
    if (!reachable) throw std::runtime_error("connection refused");
    return SqliteQueue::heartbeat(run, lease, clock);
  }
  bool finish(const Run& run, const Outcome& outcome, const Clock& clock) override {
    ++finishes;
    if (!reachable) throw std::runtime_error("connection refused");
    return SqliteQueue::finish(run, outcome, clock);
  }
};

constexpr LeaseTiming k_timing{3s, 1s};

// One run of hw1, claimed at `start` with a 3 s lease.
struct LeaseFixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  CuttableQueue queue{store->db(), dir / "artifacts"};
  const TimePoint start{milliseconds(1'800'000'000'000)};
  ManualClock clock{start};
  Run run;
  std::vector<milliseconds> sleeps;
  std::vector<std::string> retry_notes;
  Outcome outcome{RunStatus::succeeded, 10.0, "", "", "graded"};

  LeaseFixture() {
    roster::add_course(store->db(), {"CS351", {}, {}, {}}, clock);
    queue.enqueue({.course_id = roster::require_course(store->db(), "CS351").id,
                   .assignment = "hw1",
                   .students = {"ada@x.edu"},
                   .submission = std::string(64, 'a')},
                  clock);
    run = *queue.claim({"w1", k_timing.lease}, clock);
  }

  // Advances the clock instead of sleeping, and remembers each wait.
  Sleeper sleeper() {
    return [this](milliseconds d) {
      sleeps.push_back(d);
      clock.advance(d);
    };
  }
  Written write(TimePoint lease_end) {
    return write_outcome(queue, run, outcome, lease_end, clock, sleeper(),
                         [this](const std::string& why) { retry_notes.push_back(why); });
  }
  RunStatus stored_status() { return queue.find(run.id)->status; }
};

}  // namespace

TEST_SUITE_BEGIN("autograde/run_lease");

TEST_CASE("the heartbeat renews the lease once per interval, however often the grader asks") {
  LeaseFixture f;
  int renewals = 0;
  LeaseKeeper keeper(f.queue, f.run, k_timing, f.clock, [&] { ++renewals; });
  CHECK(keeper.expires() == f.start + 3s);
  for (int i = 0; i < 9; ++i) {
    f.clock.advance(100ms);
    CHECK(keeper.beat());
  }
  CHECK(f.queue.heartbeats == 0);  // 900 ms: not yet an interval
  f.clock.advance(100ms);
  CHECK(keeper.beat());
  CHECK(f.queue.heartbeats == 1);
  CHECK(renewals == 1);
  CHECK(keeper.expires() == f.start + 1s + 3s);
  CHECK(f.queue.find(f.run.id)->lease_expires_at == f.start + 1s + 3s);
  CHECK(keeper.beat());  // at once again: no second renewal
  CHECK(f.queue.heartbeats == 1);
  f.clock.advance(1s);
  CHECK(keeper.beat());
  CHECK(f.queue.heartbeats == 2);
  CHECK(keeper.expires() == f.start + 2s + 3s);
}

TEST_CASE("a run cancelled while it is graded stops the grader at the next heartbeat") {
  LeaseFixture f;
  LeaseKeeper keeper(f.queue, f.run, k_timing, f.clock);
  f.queue.cancel(f.run.id, f.clock);
  f.clock.advance(500ms);
  CHECK(keeper.beat());  // between heartbeats nobody asks the queue
  f.clock.advance(500ms);
  CHECK_FALSE(keeper.beat());
}

TEST_CASE("an unreachable queue is not a lost lease: the grader goes on, the lease is not moved") {
  LeaseFixture f;
  int renewals = 0;
  LeaseKeeper keeper(f.queue, f.run, k_timing, f.clock, [&] { ++renewals; });
  f.queue.reachable = false;
  f.clock.advance(1s);
  CHECK(keeper.beat());
  CHECK(keeper.expires() == f.start + 3s);
  CHECK(renewals == 0);
  f.queue.reachable = true;
  f.clock.advance(1s);
  CHECK(keeper.beat());
  CHECK(keeper.expires() == f.start + 2s + 3s);
  CHECK(renewals == 1);
}

TEST_CASE("a clock set back does not stop the heartbeats") {
  LeaseFixture f;
  LeaseKeeper keeper(f.queue, f.run, k_timing, f.clock);
  f.clock.set(f.start - 1h);
  CHECK(keeper.beat());
  CHECK(f.queue.heartbeats == 1);
}

TEST_CASE("a result finished after the lease passed is not written") {
  LeaseFixture f;
  f.clock.advance(3s + 1ms);  // the grader ran past the lease, no heartbeat got through
  CHECK(f.write(f.start + 3s) == Written::refused);
  CHECK(f.stored_status() == RunStatus::running);  // the reaper fails it as "worker lost"
  CHECK(f.sleeps.empty());
}

TEST_CASE("with the queue unreachable and the lease passed, the result is given up at once") {
  LeaseFixture f;
  f.queue.reachable = false;
  f.clock.advance(4s);
  CHECK(f.write(f.start + 3s) == Written::expired);
  CHECK(f.queue.finishes == 1);
  CHECK(f.sleeps.empty());
  CHECK(f.retry_notes.empty());
}

TEST_CASE("result writes back off while the queue is unreachable and give up at the lease's end") {
  LeaseFixture f;
  f.queue.reachable = false;
  f.clock.advance(1s);  // the grader took a second
  CHECK(f.write(f.start + 3s) == Written::expired);
  // Full jitter: wait number n is at most 250 ms doubled n-1 times (5 s at most),
  // and none runs past the lease: the last try is at its very end.
  REQUIRE(!f.sleeps.empty());
  milliseconds ceiling = 250ms, total{};
  for (const auto wait : f.sleeps) {
    CHECK(wait >= 0ms);
    CHECK(wait <= ceiling);
    ceiling = std::min(ceiling * 2, milliseconds(5s));
    total += wait;
  }
  CHECK(total == 2s);
  CHECK(f.clock.now() == f.start + 3s);
  CHECK(f.queue.finishes == static_cast<int>(f.sleeps.size()) + 1);
  CHECK(f.retry_notes == std::vector<std::string>{"connection refused"});
}

TEST_CASE("a result write that failed succeeds once the queue answers again") {
  LeaseFixture f;
  f.queue.reachable = false;
  const Sleeper reconnect_after_two = [&](milliseconds d) {
    f.sleeps.push_back(d);
    if (f.sleeps.size() == 2) f.queue.reachable = true;
  };
  CHECK(write_outcome(f.queue, f.run, f.outcome, f.start + 3s, f.clock, reconnect_after_two,
                      [](const std::string&) {}) == Written::yes);
  CHECK(f.queue.finishes == 3);
  CHECK(f.stored_status() == RunStatus::succeeded);
  CHECK(f.queue.find(f.run.id)->score == 10.0);
}

TEST_SUITE_END();
