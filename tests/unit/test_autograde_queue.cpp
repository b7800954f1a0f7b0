#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "cs351/autograde/pg_queue.h"
#include "cs351/autograde/pg_schema.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/error.h"
#include "cs351/registry.h"
#include "cs351/roster/course.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

constexpr auto k_lease = 60s;

// The backend under test: the SQLite queue, or the PostgreSQL one when
// CS351_TEST_QUEUE_URL names a throwaway database (the `.pg` ctest entry starts
// a cluster and sets it: tests/unit/with_postgres.sh). Same cases, same assertions.
std::optional<PgTarget> pg_under_test() {
  const char* url = std::getenv("CS351_TEST_QUEUE_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return PgTarget{url, std::nullopt};
}

// An empty PostgreSQL queue: migrated, every table emptied, ids from 1 again.
void reset_pg(const PgTarget& target) {
  PgConnection conn(target);
  migrate_pg_schema(conn);
  conn.exec(
      "TRUNCATE autograde_runs, autograde_run_students, autograde_run_requests, autograde_blobs, "
      "autograde_events RESTART IDENTITY CASCADE");
}

struct QueueFixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  ManualClock clock{TimePoint(std::chrono::milliseconds(1'800'000'000'000))};
  std::optional<PgTarget> pg = pg_under_test();
  std::vector<std::unique_ptr<store::Store>> connections;  // of the SQLite queues opened here
  std::unique_ptr<Queue> owned = empty_queue();
  Queue& queue = *owned;
  std::int64_t course_id = 0;

  QueueFixture() {
    roster::add_course(store->db(), {"CS351", {}, {}, {}}, clock);
    course_id = roster::require_course(store->db(), "CS351").id;
  }

  std::unique_ptr<Queue> empty_queue() {
    if (pg) reset_pg(*pg);
    return another();
  }

  // Another connection to the same queue (each thread needs its own).
  std::unique_ptr<Queue> another() {
    if (pg) return std::make_unique<PgQueue>(*pg, 1 << 20);
    auto& conn = connections.emplace_back(store::Store::open(store->path(), all_migrations()));
    return std::make_unique<SqliteQueue>(conn->db(), dir / "artifacts");
  }

  // One statement straight to the backend's database, bypassing the queue.
  void exec_sql(const std::string& sql) {
    if (pg) {
      PgConnection(*pg).exec(sql);
    } else {
      store->db().exec(sql);
    }
  }

  EnqueueResult add(std::vector<std::string> students, const std::string& assignment = "hw1",
                    std::chrono::milliseconds window = 2min, char files = 'a',
                    std::optional<std::string> gradescope_id = std::nullopt) {
    EnqueueRequest req;
    req.course_id = course_id;
    req.assignment = assignment;
    req.students = std::move(students);
    req.submission = std::string(64, files);  // stands for the artifact hash of the files
    req.gradescope_submission_id = std::move(gradescope_id);
    req.dedupe_window = window;
    return queue.enqueue(req, clock);
  }

  std::optional<Run> next(const std::string& worker = "w1") {
    return queue.claim({worker, k_lease}, clock);
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

TEST_CASE("a double submit within the dedupe window returns the same run") {
  QueueFixture f;
  const auto first = f.add({"a@x.edu"}, "hw1", 2min, 'a', "9001");
  CHECK_FALSE(first.deduplicated);
  CHECK(first.reason == "new run: no run of these students for this assignment in the last 2m");
  f.clock.advance(90s);
  const auto second = f.add({"A@x.edu"}, "hw1", 2min, 'a', "9002");
  CHECK(second.deduplicated);
  CHECK(second.run.id == first.run.id);
  CHECK(
      second.reason ==
      fmt::format("double submit: same files and students as run {} (90s earlier)", first.run.id));
  CHECK(second.run.double_submits == 1);
  CHECK(second.run.dedupe_reason == first.reason);

  SUBCASE("every request is kept with its reason") {
    const auto requests = f.queue.requests(first.run.id);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].gradescope_submission_id == "9001");
    CHECK_FALSE(requests[0].deduplicated);
    CHECK(requests[1].gradescope_submission_id == "9002");
    CHECK(requests[1].deduplicated);
    CHECK(requests[1].reason == second.reason);
  }
  SUBCASE("but not outside it") {
    f.clock.advance(31s);
    const auto third = f.add({"a@x.edu"});
    CHECK_FALSE(third.deduplicated);
    CHECK(third.run.id != first.run.id);
  }
  SUBCASE("nor for another assignment") {
    CHECK_FALSE(f.add({"a@x.edu"}, "hw2").deduplicated);
  }
  SUBCASE("a cancelled run is never reused") {
    f.queue.cancel(first.run.id, f.clock);
    CHECK_FALSE(f.add({"a@x.edu"}).deduplicated);
  }
  SUBCASE("a zero window turns deduplication off") {
    const auto off = f.add({"a@x.edu"}, "hw1", 0ms);
    CHECK_FALSE(off.deduplicated);
    CHECK(off.reason == "new run: deduplication is off (dedupe_window 0s)");
  }
}

TEST_CASE("a different submission within the window is a run of its own") {
  QueueFixture f;
  const auto solo = f.add({"a@x.edu"});
  f.clock.advance(10s);

  SUBCASE("a resubmission with other files") {
    const auto changed = f.add({"a@x.edu"}, "hw1", 2min, 'b');
    CHECK_FALSE(changed.deduplicated);
    CHECK(changed.run.id != solo.run.id);
    CHECK(changed.reason ==
          fmt::format("new run: run {} (within 2m) has other files", solo.run.id));
    CHECK(changed.run.dedupe_reason == changed.reason);
  }
  SUBCASE("a group that includes the solo submitter, same files") {
    const auto group = f.add({"b@x.edu", "a@x.edu"});
    CHECK_FALSE(group.deduplicated);
    CHECK(group.reason ==
          fmt::format("new run: run {} (within 2m) has other students", solo.run.id));
  }
  SUBCASE("a group with other files") {
    const auto group = f.add({"b@x.edu", "a@x.edu"}, "hw1", 2min, 'c');
    CHECK(
        group.reason ==
        fmt::format("new run: run {} (within 2m) has other files and other students", solo.run.id));
  }
  SUBCASE("the same files from a subset of a group") {
    const auto group = f.add({"a@x.edu", "b@x.edu"});
    f.clock.advance(1s);
    const auto part = f.add({"b@x.edu"});
    CHECK_FALSE(part.deduplicated);
    CHECK(part.reason ==
          fmt::format("new run: run {} (within 2m) has other students", group.run.id));
  }
}

TEST_CASE("solo then group: two runs in order, the member never runs twice at once") {
  QueueFixture f;
  const auto solo = f.add({"a@x.edu"});
  const auto again = f.add({"a@x.edu"}, "hw1", 2min, 'b');
  const auto group = f.add({"a@x.edu", "b@x.edu"});
  auto first = f.next("w1");
  REQUIRE(first);
  CHECK(first->id == solo.run.id);
  CHECK_FALSE(f.next("w2"));  // both others include a
  REQUIRE(f.queue.finish(*first, success(1), f.clock));
  auto second = f.next("w2");
  REQUIRE(second);
  CHECK(second->id == again.run.id);
  CHECK_FALSE(f.next("w3"));
  REQUIRE(f.queue.finish(*second, success(2), f.clock));
  CHECK(f.next("w3")->id == group.run.id);
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

TEST_CASE("a regrade is a new run of the same files, claimed after every live run") {
  QueueFixture f;
  const auto a1 = f.add({"a@x.edu"});
  auto graded = f.next();
  REQUIRE(graded);
  REQUIRE(f.queue.finish(*graded, success(3), f.clock));
  const auto b1 = f.add({"b@x.edu"});
  auto b_run = f.next();
  REQUIRE(b_run);
  REQUIRE(f.queue.finish(*b_run, success(4), f.clock));
  f.clock.advance(5min);  // the live runs are out of the dedupe window

  EnqueueRequest again;
  again.course_id = f.course_id;
  again.assignment = "hw1";
  again.students = {"a@x.edu"};
  again.submission = a1.run.submission;
  again.regrade_of = a1.run.id;
  const auto ra = f.queue.enqueue(again, f.clock);
  CHECK_FALSE(ra.deduplicated);
  CHECK(ra.run.id != a1.run.id);
  CHECK(ra.run.regrade_of == a1.run.id);
  CHECK(ra.reason == fmt::format("regrade of run {}", a1.run.id));
  again.students = {"b@x.edu"};
  again.regrade_of = b1.run.id;
  const auto rb = f.queue.enqueue(again, f.clock);

  // Live submissions that arrive after the regrade go first, even a's own.
  const auto live_c = f.add({"c@x.edu"}, "hw1", 2min, 'c');
  const auto live_a = f.add({"a@x.edu"}, "hw1", 2min, 'd');
  CHECK_FALSE(live_a.deduplicated);
  CHECK(live_a.run.regrade_of == std::nullopt);
  std::vector<std::int64_t> order;
  while (auto run = f.next()) {
    order.push_back(run->id);
    REQUIRE(f.queue.finish(*run, success(1), f.clock));
  }
  CHECK(order == std::vector<std::int64_t>{live_c.run.id, live_a.run.id, ra.run.id, rb.run.id});

  SUBCASE("a live double submit never joins a regrade run") {
    const auto late = f.add({"b@x.edu"});
    CHECK_FALSE(late.deduplicated);
    CHECK(late.run.id != rb.run.id);
    CHECK(late.run.regrade_of == std::nullopt);
  }
  SUBCASE("the replaced run is untouched") {
    const auto old = f.queue.find(a1.run.id);
    REQUIRE(old);
    CHECK(old->score == 3);
    CHECK(old->status == RunStatus::succeeded);
    CHECK(old->regrade_of == std::nullopt);
  }
}

TEST_CASE("the partial unique index refuses a second running run for one student") {
  QueueFixture f;
  const auto one = f.add({"a@x.edu"}, "hw1");
  const auto two = f.add({"a@x.edu"}, "hw2");
  f.exec_sql("UPDATE autograde_runs SET status = 'running' WHERE id = " +
             std::to_string(one.run.id));
  CHECK_THROWS_AS(f.exec_sql("UPDATE autograde_runs SET status = 'running' WHERE id = " +
                             std::to_string(two.run.id)),
                  std::exception);
}

TEST_CASE("a run whose lease expires fails as worker lost and is not replayed") {
  QueueFixture f;
  const auto queued = f.add({"a@x.edu"});
  auto run = f.next();
  REQUIRE(run);
  f.clock.advance(k_lease / 2);
  CHECK(f.queue.heartbeat(*run, k_lease, f.clock));
  f.clock.advance(k_lease - 1s);
  CHECK(f.queue.reap_expired(f.clock) == 0);  // the heartbeat moved the lease
  f.clock.advance(2s);
  CHECK_FALSE(f.next("w2"));  // the claim reaps, and nothing is left to run
  const Run lost = require_run(f.queue, queued.run.id);
  CHECK(lost.status == RunStatus::failed);
  CHECK(lost.error == "worker lost");
  CHECK_FALSE(f.queue.heartbeat(*run, k_lease, f.clock));
  CHECK_FALSE(f.queue.finish(*run, success(10), f.clock));
  CHECK(require_run(f.queue, queued.run.id).status == RunStatus::failed);

  SUBCASE("retry queues it again as a new attempt, and the old worker still cannot write") {
    const Run again = f.queue.retry(queued.run.id, f.clock);
    CHECK(again.status == RunStatus::queued);
    CHECK(again.error.empty());
    auto second = f.next("w2");
    REQUIRE(second);
    CHECK(second->attempt == 2);
    CHECK_FALSE(f.queue.finish(*run, success(10), f.clock));
    CHECK(f.queue.finish(*second, success(7), f.clock));
    const Run done = require_run(f.queue, queued.run.id);
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
  CHECK(f.queue.cancel(one.run.id, f.clock).status == RunStatus::cancelled);
  CHECK_FALSE(f.queue.heartbeat(*running, k_lease, f.clock));
  CHECK_FALSE(f.queue.finish(*running, success(1), f.clock));
  CHECK(f.queue.cancel(two.run.id, f.clock).status == RunStatus::cancelled);
  CHECK_FALSE(f.next());
  try {
    f.queue.cancel(one.run.id, f.clock);
    FAIL("cancelled twice");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
  }
  CHECK_THROWS_AS(f.queue.retry(f.add({"c@x.edu"}).run.id, f.clock), Error);
  try {
    require_run(f.queue, 9999);
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
  CHECK(f.queue.position(require_run(f.queue, c.run.id)) == 3);
  f.next();
  CHECK(f.queue.position(require_run(f.queue, a.run.id)) == 0);
  CHECK(f.queue.position(require_run(f.queue, c.run.id)) == 2);
  CHECK(f.queue.list({}).size() == 3);
  CHECK(f.queue.list({}).front().id == c.run.id);
  CHECK(f.queue.list({RunStatus::queued, {}, {}, {}}).size() == 2);
  CHECK(f.queue.list({{}, "B@x.edu", {}, {}}).front().id == b.run.id);
  CHECK(f.queue.list({{}, {}, "hw2", {}}).size() == 1);
}

TEST_CASE("unfinished_among names the given runs still queued or running, nothing else") {
  QueueFixture f;
  const auto a = f.add({"a@x.edu"});
  const auto b = f.add({"b@x.edu"});
  const auto c = f.add({"c@x.edu"});
  const auto running = f.next();
  REQUIRE(running);
  CHECK(running->id == a.run.id);
  const std::vector<std::int64_t> asked{a.run.id, c.run.id, 9999};
  CHECK(f.queue.unfinished_among(asked) == std::vector<std::int64_t>{a.run.id, c.run.id});
  REQUIRE(f.queue.finish(*running, success(1), f.clock));
  f.queue.cancel(c.run.id, f.clock);
  CHECK(f.queue.unfinished_among(asked).empty());
  CHECK(f.queue.unfinished_among({b.run.id}) == std::vector<std::int64_t>{b.run.id});
  CHECK(f.queue.unfinished_among({}).empty());
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
  std::vector<std::unique_ptr<Queue>> queues;
  for (int t = 0; t < 4; ++t) queues.push_back(f.another());
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Queue& queue = *queues[static_cast<std::size_t>(t)];
      const std::string worker = "t" + std::to_string(t);
      for (;;) {
        auto run = queue.claim({worker, k_lease}, system_clock());
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
  CHECK(f.queue.list({RunStatus::succeeded, {}, {}, {}}).size() == k_runs);
}

TEST_CASE("an idle worker's wait ends when another connection enqueues, not at its timeout") {
  QueueFixture f;
  auto waiter = f.another();
  std::atomic<bool> stop{false};
  std::atomic<bool> woke{false};
  std::chrono::steady_clock::duration waited{};
  std::thread idle([&] {
    const auto start = std::chrono::steady_clock::now();
    waiter->wait_for_work(std::chrono::minutes(2), stop);
    waited = std::chrono::steady_clock::now() - start;
    woke = true;
  });
  // Enqueue until the waiter wakes: the first enqueue may come before its wait began.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (int i = 0; !woke && std::chrono::steady_clock::now() < deadline; ++i) {
    f.add({"idle" + std::to_string(i) + "@x.edu"});
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  idle.join();
  CHECK(waited < std::chrono::seconds(60));
}

// PostgreSQL only (the SQLite store's migrations are tested with the store): runs
// queued and claimed under schema 1 keep their rules after `autograde migrate`.
TEST_CASE("the PostgreSQL schema upgrades from version 1 with runs in flight") {
  const auto pg = pg_under_test();
  if (!pg) return;
  PgConnection conn(*pg);
  conn.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  CHECK(migrate_pg_schema(conn, 1).to == 1);
  // Run 1 (a) was claimed under schema 1; 2 (a) waits behind it; 3 (b) waits for nothing.
  conn.exec(R"sql(
INSERT INTO autograde_runs(id, course_id, assignment, status, submission, submitted_at,
  enqueued_at, started_at, worker_id, attempt, lease_token, lease_expires_at, students_key)
VALUES (1, 1, 'hw1', 'running', 'x', now(), now(), now(), 'old', 1, 'old-token',
        now() + interval '1 hour', 'a@x.edu'),
       (2, 1, 'hw1', 'queued', 'y', now(), now(), NULL, NULL, 0, NULL, NULL, 'a@x.edu'),
       (3, 1, 'hw1', 'queued', 'z', now(), now(), NULL, NULL, 0, NULL, NULL, 'b@x.edu');
SELECT setval('autograde_runs_id_seq', 3);
INSERT INTO autograde_run_students(run_id, email, status)
VALUES (1, 'a@x.edu', 'running'), (2, 'a@x.edu', 'queued'), (3, 'b@x.edu', 'queued');
)sql");
  const PgMigration m = migrate_pg_schema(conn);
  CHECK(m.from == 1);
  CHECK(m.to == pg_schema_latest());

  PgQueue queue(*pg, 1 << 20);
  PgConnection listener(*pg);
  listener.listen("autograde_runs");
  const auto b = queue.claim({"w", k_lease}, system_clock());
  REQUIRE(b);
  CHECK(b->id == 3);  // a still runs under the old claim
  CHECK(queue.finish(*b, success(1), system_clock()));
  CHECK_FALSE(listener.wait_for_notification(300ms));  // nothing waited behind b
  const Run old = require_run(queue, 1);
  CHECK(old.lease_token == "old-token");
  CHECK(queue.finish(old, success(2), system_clock()));  // the old claim still holds its lease
  CHECK(listener.wait_for_notification(10s));            // run 2 waited behind it
  const auto a = queue.claim({"w", k_lease}, system_clock());
  REQUIRE(a);
  CHECK(a->id == 2);
  CHECK(a->students == std::vector<std::string>{"a@x.edu"});
}

TEST_CASE("a failed statement in a pipeline leaves the PostgreSQL connection usable") {
  const auto pg = pg_under_test();
  if (!pg) return;
  PgConnection conn(*pg);
  try {
    conn.exec_all({{"SELECT 1 / $1::int", {PgParam(0)}}, {"SELECT $1::int + 1", {PgParam(1)}}});
    FAIL("a division by zero went through");
  } catch (const PgError& e) {
    CHECK(e.sqlstate() == "22012");
  }
  // The second statement was never prepared (the server skipped it): it is prepared now.
  CHECK(conn.exec("SELECT $1::int + 1", {PgParam(1)}).int64(0, 0) == 2);
  CHECK(conn.exec_all({{"SELECT 1 / $1::int", {PgParam(1)}}})[0].int64(0, 0) == 1);
}

TEST_SUITE_END();

TEST_CASE("a worker is alive while it checks in, and gone when it checks out or falls silent") {
  QueueFixture f;
  CHECK(f.queue.workers(f.clock).alive == 0);
  if (f.pg) {
    // On PostgreSQL a worker is its connections, named by worker_application_name().
    PgTarget target = *f.pg;
    target.application_name = worker_application_name();
    auto worker = std::make_unique<PgQueue>(target, 1 << 20);
    CHECK(f.queue.workers(f.clock).alive == 1);
    worker.reset();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (f.queue.workers(f.clock).alive != 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(
          10ms);  // the server ends the backend just after the client leaves
    CHECK(f.queue.workers(f.clock).alive == 0);
    return;
  }
  const WorkerCheckIn one{"h1", 11, 3s}, two{"h2", 22, 3s};
  f.queue.check_in(one, f.clock);
  f.queue.check_in(two, f.clock);
  f.queue.check_in(one, f.clock);
  CHECK(f.queue.workers(f.clock).alive == 2);
  f.clock.advance(2s);
  f.queue.check_in(one, f.clock);
  f.clock.advance(2s);  // `two` fell silent 4s ago, `one` 2s ago
  auto presence = f.queue.workers(f.clock);
  CHECK(presence.alive == 1);
  REQUIRE(presence.last_seen);
  CHECK(*presence.last_seen == f.clock.now() - 2s);
  f.queue.check_out(one, f.clock);
  presence = f.queue.workers(f.clock);
  CHECK(presence.alive == 0);
  CHECK(*presence.last_seen == f.clock.now());
}
