#include <doctest/doctest.h>

#include <map>

#include "cs351/analytics/assignments.h"
#include "cs351/analytics/attempts.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/mirror.h"
#include "support.h"

using namespace cs351;
using namespace cs351::analytics;

// The other sources' rows are written through their modules' own API (the
// Gradescope mirror, the autograde queue): this unit only reads them.
namespace {

struct Store {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  SQLite::Database& db = store->db();
  roster::Course course;

  Store() {
    roster::add_course(db, {"C1", {}, {}, {}});
    course = *roster::find_course(db, "C1");
  }
  std::int64_t gradescope_row = 0;  // the last assignment saved

  void gradescope_assignment(const char* title, const char* due, double points) {
    std::map<std::string, std::int64_t> ids;
    gradescope::save_assignments(db, course.id, {{"8255863", title, points, {}, due, {}, true}},
                                 "2026-01-01T00:00:00Z", ids);
    gradescope_row = ids.at("8255863");
  }
  void gradescope_submission(const char* email, const char* id, const char* at,
                             std::optional<double> score) {
    gradescope::save_history(db, gradescope_row, {email}, {{id, *parse_time(at), score}},
                             "2026-01-01T00:00:00Z");
  }
  // A run enqueued at `at`, graded by a worker and finished with `status`.
  void autograde_run(const char* assignment, const char* email, const char* at, const char* status,
                     double score) {
    const ManualClock clock{*parse_time(at)};
    autograde::SqliteQueue queue{db, "unused-artifacts"};
    queue.enqueue({.course_id = course.id,
                   .assignment = assignment,
                   .students = {email},
                   .submission = std::string(64, 'a'),
                   .dedupe_window = std::chrono::milliseconds(0)},
                  clock);
    const auto run = queue.claim({"w1", std::chrono::minutes(1)}, clock);
    REQUIRE(run);
    const auto outcome = std::string(status) == "succeeded" ? autograde::RunStatus::succeeded
                                                            : autograde::RunStatus::failed;
    REQUIRE(queue.finish(*run, {outcome, score, "", "{}", ""}, clock));
  }
};

}  // namespace

TEST_SUITE_BEGIN("analytics/attempts");

TEST_CASE("a Gradescope-only assignment is found by title with its due date and points") {
  Store s;
  s.gradescope_assignment("Lab 1", "2026-02-10T04:59:00Z", 40);
  const auto a = require_assignment(s.db, s.course, "lab 1");
  CHECK(a.gradescope_id.has_value());
  CHECK_FALSE(a.own_id.has_value());
  CHECK(format_utc(*a.due) == "2026-02-10T04:59:00Z");
  CHECK(a.max_points == 40.0);
  CHECK_THROWS_AS(require_assignment(s.db, s.course, "Lab 2"), Error);
}

TEST_CASE("every source merges into one sorted list; ungraded and failed attempts are left out") {
  Store s;
  s.gradescope_assignment("hw1", "2026-02-10T04:59:00Z", 40);
  add_assignment(s.db, s.course, {"hw1", {}, {}, {}, 50.0});  // ours wins for max points
  s.gradescope_submission("Ann@x.edu", "1", "2026-02-09T10:00:00Z", 10);
  s.gradescope_submission("ann@x.edu", "2", "2026-02-09T11:00:00Z",
                          std::nullopt);  // not graded yet
  s.autograde_run("HW1", "ann@x.edu", "2026-02-09T09:00:00Z", "succeeded", 5);
  s.autograde_run("hw1", "ann@x.edu", "2026-02-09T09:30:00Z", "failed", 0);
  s.autograde_run("hw1", "ann@x.edu", "2026-02-09T10:00:00Z", "succeeded",
                  10);  // same as Gradescope's: kept once
  s.autograde_run("hw2", "ann@x.edu", "2026-02-09T12:00:00Z", "succeeded",
                  50);  // another assignment
  const auto a = require_assignment(s.db, s.course, "hw1");
  CHECK(a.max_points == 50.0);
  autograde::SqliteQueue runs{s.db, "unused-artifacts"};
  const auto attempts = load_attempts(s.db, runs, a);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].source == "autograde");
  CHECK(attempts[0].email == "ann@x.edu");
  CHECK(format_utc(attempts[0].submitted_at) == "2026-02-09T09:00:00Z");
  CHECK(attempts[1].score == 10);
}

TEST_SUITE_END();
