#include <doctest/doctest.h>

#include <vector>

#include "cs351/autograde/service.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/roster/course.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

struct WaitFixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  SQLite::Database& db = store->db();
  SqliteQueue queue{db, dir / "artifacts"};
  ManualClock clock{TimePoint(std::chrono::milliseconds(1'800'000'000'000))};
  std::vector<std::chrono::milliseconds> sleeps;
  std::int64_t run_id = 0;

  WaitFixture() {
    roster::add_course(db, {"CS351", {}, {}, {}}, clock);
    run_id = queue
                 .enqueue({.course_id = roster::require_course(db, "CS351").id,
                           .assignment = "hw1",
                           .students = {"ada@x.edu"},
                           .submission = std::string(64, 'a')},
                          clock)
                 .run.id;
  }

  // Advances the clock instead of sleeping; `then` runs before the sleep number `at`.
  Sleeper sleeper(std::size_t at = 0, std::function<void()> then = {}) {
    return [this, at, then](std::chrono::milliseconds d) {
      sleeps.push_back(d);
      if (sleeps.size() == at) then();
      clock.advance(d);
    };
  }
};

}  // namespace

TEST_SUITE_BEGIN("autograde/service");

TEST_CASE("waiting for a run polls at doubling pauses and gives up at the deadline") {
  WaitFixture f;
  CHECK_FALSE(wait_for_run(f.queue, f.run_id, 1s, f.clock, f.sleeper()));
  // 50 + 100 + 200 + 400 = 750 ms, then only the 250 ms left before the deadline.
  CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{50ms, 100ms, 200ms, 400ms, 250ms});
}

TEST_CASE("waiting for a run returns it as soon as it is finished") {
  WaitFixture f;
  const auto run = wait_for_run(f.queue, f.run_id, 1min, f.clock,
                                f.sleeper(2, [&] { f.queue.cancel(f.run_id, f.clock); }));
  REQUIRE(run);
  CHECK(run->status == RunStatus::cancelled);
  CHECK(f.sleeps.size() == 2);
}

TEST_SUITE_END();
