#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "cs351/autograde/queue.h"
#include "cs351/core/error.h"
#include "cs351/registry.h"
#include "cs351/roster/course.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

constexpr auto k_lease = 60s;

struct QueueFixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  SQLite::Database& db = store->db();
  ManualClock clock{TimePoint(std::chrono::milliseconds(1'800'000'000'000))};
  RunQueue queue{db};
  std::int64_t course_id = 0;

  QueueFixture() {
    roster::add_course(db, {"CS351", {}, {}, {}}, clock);
    course_id = roster::require_course(db, "CS351").id;
  }

  EnqueueResult add(std::vector<std::string> students, const std::string& assignment = "hw1",
                    std::chrono::milliseconds window = 2min) {
    EnqueueRequest req;
    req.course_id = course_id;
    req.assignment = assignment;
    req.students = std::move(students);
    req.submission = std::string(64, 'a');
    req.dedupe_window = window;
    return queue.enqueue(req, clock);
  }

  std::optional<Run> next(const std::string& worker = "w1") {
    return queue.claim(worker, k_lease, clock);
  }
};

Outcome success(double score) {
  return {RunStatus::succeeded, score, "", R"({"score": 1})", "log"};
}

}  // namespace

TEST_SUITE_BEGIN("autograde/queue");

TEST_CASE("enqueue normalises students and refuses malformed emails") {
  QueueFixture f;
  auto r = f.add({" Bob@Example.edu", "alice@example.edu", "bob@example.edu"});
  CHECK_FALSE(r.deduplicated);
  CHECK(r.run.status == RunStatus::queued);
  CHECK(r.run.students == std::vector<std::string>{"alice@example.edu", "bob@example.edu"});
  for (const char* bad : {"", "nobody", "@x.edu", "a@", "a@b@c", "a b@c.edu", "a,b@c.edu"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(f.add({bad}), Error);
  }
  CHECK_THROWS_AS(f.add({}), Error);
}

TEST_CASE("a second enqueue within the dedupe window returns the same run") {
  QueueFixture f;
  const auto first = f.add({"a@x.edu"});
  f.clock.advance(90s);
  const auto second = f.add({"A@x.edu"});
  CHECK(second.deduplicated);
  CHECK(second.run.id == first.run.id);

  SUBCASE("but not outside it") {
    f.clock.advance(31s);
    const auto third = f.add({"a@x.edu"});
    CHECK_FALSE(third.deduplicated);
    CHECK(third.run.id != first.run.id);
  }
  SUBCASE("nor for another assignment") {
    CHECK_FALSE(f.add({"a@x.edu"}, "hw2").deduplicated);
  }
  SUBCASE("a group run dedupes any of its members") {
    CHECK(f.add({"b@x.edu", "a@x.edu"}).run.id == first.run.id);
  }
  SUBCASE("a cancelled run is never reused") {
    cancel(f.db, first.run.id, f.clock);
    CHECK_FALSE(f.add({"a@x.edu"}).deduplicated);
  }
  SUBCASE("a zero window turns deduplication off") {
    CHECK_FALSE(f.add({"a@x.edu"}, "hw1", 0ms).deduplicated);
  }
}

TEST_CASE("claim starts at most one run per student, oldest first") {
  QueueFixture f;
  const auto a1 = f.add({"a@x.edu"}, "hw1");
  const auto a2 = f.add({"a@x.edu"}, "hw2");
  const auto b1 = f.add({"b@x.edu"}, "hw1");
  const auto ab = f.add({"a@x.edu", "c@x.edu"}, "hw3");
  const auto c1 = f.add({"c@x.edu"}, "hw1");

  auto first = f.next();
  REQUIRE(first);
  CHECK(first->id == a1.run.id);
  CHECK(first->status == RunStatus::running);
  CHECK(first->attempt == 1);
  auto second = f.next("w2");
  REQUIRE(second);
  CHECK(second->id == b1.run.id);  // a2 waits behind the running a1
  // c's own run waits behind the older group run that includes c, which waits for a.
  CHECK_FALSE(f.next("w3"));

  REQUIRE(f.queue.finish(*first, success(5), f.clock));
  auto third = f.next("w3");
  REQUIRE(third);
  CHECK(third->id == a2.run.id);
  REQUIRE(f.queue.finish(*third, success(5), f.clock));
  CHECK(f.next()->id == ab.run.id);
  CHECK_FALSE(f.next());
  (void)c1;
}

TEST_CASE("the partial unique index refuses a second running run for one student") {
  QueueFixture f;
  const auto one = f.add({"a@x.edu"}, "hw1");
  const auto two = f.add({"a@x.edu"}, "hw2");
  f.db.exec("UPDATE autograde_runs SET status = 'running' WHERE id = " +
            std::to_string(one.run.id));
  CHECK_THROWS_AS(f.db.exec("UPDATE autograde_runs SET status = 'running' WHERE id = " +
                            std::to_string(two.run.id)),
                  SQLite::Exception);
}

TEST_CASE("a run whose lease expires fails as worker lost and is not replayed") {
  QueueFixture f;
  const auto queued = f.add({"a@x.edu"});
  auto run = f.next();
  REQUIRE(run);
  f.clock.advance(k_lease / 2);
  CHECK(f.queue.heartbeat(*run, k_lease, f.clock));
  f.clock.advance(k_lease - 1s);
  CHECK(reap_expired(f.db, f.clock) == 0);  // the heartbeat moved the lease
  f.clock.advance(2s);
  CHECK_FALSE(f.next("w2"));  // the claim reaps, and nothing is left to run
  const Run lost = require_run(f.db, queued.run.id);
  CHECK(lost.status == RunStatus::failed);
  CHECK(lost.error == "worker lost");
  CHECK_FALSE(f.queue.heartbeat(*run, k_lease, f.clock));
  CHECK_FALSE(f.queue.finish(*run, success(10), f.clock));
  CHECK(require_run(f.db, queued.run.id).status == RunStatus::failed);

  SUBCASE("retry queues it again as a new attempt, and the old worker still cannot write") {
    const Run again = retry(f.db, queued.run.id, f.clock);
    CHECK(again.status == RunStatus::queued);
    CHECK(again.error.empty());
    auto second = f.next("w2");
    REQUIRE(second);
    CHECK(second->attempt == 2);
    CHECK_FALSE(f.queue.finish(*run, success(10), f.clock));
    CHECK(f.queue.finish(*second, success(7), f.clock));
    const Run done = require_run(f.db, queued.run.id);
    CHECK(done.status == RunStatus::succeeded);
    CHECK(done.score == 7);
  }
}

TEST_CASE(
    "cancel stops a queued or running run; finished runs cannot be cancelled or retried wrongly") {
  QueueFixture f;
  const auto one = f.add({"a@x.edu"});
  const auto two = f.add({"b@x.edu"});
  auto running = f.next();
  REQUIRE(running);
  CHECK(cancel(f.db, one.run.id, f.clock).status == RunStatus::cancelled);
  CHECK_FALSE(f.queue.heartbeat(*running, k_lease, f.clock));
  CHECK_FALSE(f.queue.finish(*running, success(1), f.clock));
  CHECK(cancel(f.db, two.run.id, f.clock).status == RunStatus::cancelled);
  CHECK_FALSE(f.next());
  try {
    cancel(f.db, one.run.id, f.clock);
    FAIL("cancelled twice");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
  }
  CHECK_THROWS_AS(retry(f.db, f.add({"c@x.edu"}).run.id, f.clock), Error);
  try {
    require_run(f.db, 9999);
    FAIL("found a missing run");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
  }
}

TEST_CASE("list filters and queue positions") {
  QueueFixture f;
  const auto a = f.add({"a@x.edu"});
  const auto b = f.add({"b@x.edu"});
  const auto c = f.add({"c@x.edu"}, "hw2");
  CHECK(queue_position(f.db, require_run(f.db, c.run.id)) == 3);
  f.next();
  CHECK(queue_position(f.db, require_run(f.db, a.run.id)) == 0);
  CHECK(queue_position(f.db, require_run(f.db, c.run.id)) == 2);
  CHECK(list_runs(f.db, {}).size() == 3);
  CHECK(list_runs(f.db, {}).front().id == c.run.id);
  CHECK(list_runs(f.db, {RunStatus::queued, {}, {}, {}}).size() == 2);
  CHECK(list_runs(f.db, {{}, "B@x.edu", {}, {}}).front().id == b.run.id);
  CHECK(list_runs(f.db, {{}, {}, "hw2", {}}).size() == 1);
}

TEST_CASE("concurrent claimers on separate connections never claim a run twice") {
  QueueFixture f;
  constexpr int k_runs = 200;
  for (int i = 0; i < k_runs; ++i)
    f.add({"s" + std::to_string(i % 17) + "@x.edu"}, "hw" + std::to_string(i));
  std::mutex mutex;
  std::set<std::int64_t> claimed;
  std::atomic<int> duplicates{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto own = store::Store::open(f.store->path(), all_migrations());
      RunQueue queue(own->db());
      const std::string worker = "t" + std::to_string(t);
      for (;;) {
        auto run = queue.claim(worker, k_lease, system_clock());
        if (!run) {
          std::lock_guard lock(mutex);
          if (claimed.size() == k_runs) return;
          continue;
        }
        {
          std::lock_guard lock(mutex);
          if (!claimed.insert(run->id).second) ++duplicates;
        }
        REQUIRE(queue.finish(*run, success(1), system_clock()));
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(duplicates == 0);
  CHECK(claimed.size() == k_runs);
  CHECK(list_runs(f.db, {RunStatus::succeeded, {}, {}, {}}).size() == k_runs);
}

TEST_SUITE_END();
