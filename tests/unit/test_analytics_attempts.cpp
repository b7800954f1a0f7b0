#include <doctest/doctest.h>

#include "cs351/analytics/assignments.h"
#include "cs351/analytics/attempts.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "support.h"

using namespace cs351;
using namespace cs351::analytics;

// The other sources' rows are written here with plain SQL in the shape their
// modules document (docs/gradescope.md; lib/cs351/autograde/schema.cpp): this
// unit only reads them.
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
  void gradescope_assignment(const char* title, const char* due, double points) {
    SQLite::Statement s(
        db,
        "INSERT INTO gradescope_assignments (course_id, gradescope_id, title, total_points, "
        "due_at, "
        "published, updated_at) VALUES (?, '8255863', ?, ?, ?, 1, '2026-01-01T00:00:00Z')");
    s.bind(1, course.id);
    s.bind(2, title);
    s.bind(3, points);
    s.bind(4, due);
    s.exec();
  }
  void gradescope_submission(const char* email, const char* id, const char* at,
                             std::optional<double> score) {
    SQLite::Statement s(
        db,
        "INSERT INTO gradescope_submissions (assignment_id, email, submission_id, created_at, "
        "score, "
        "updated_at) VALUES ((SELECT max(id) FROM gradescope_assignments), ?, ?, ?, ?, "
        "'2026-01-01T00:00:00Z')");
    s.bind(1, email);
    s.bind(2, id);
    s.bind(3, at);
    score ? s.bind(4, *score) : s.bind(4);
    s.exec();
  }
  void autograde_run(const char* assignment, const char* email, const char* at, const char* status,
                     double score) {
    const auto ms = parse_time(at)->time_since_epoch().count();
    SQLite::Statement r(
        db,
        "INSERT INTO autograde_runs (course_id, assignment, status, submission, submitted_at, "
        "enqueued_at, score) VALUES (?, ?, ?, 'x.tar', ?, ?, ?)");
    r.bind(1, course.id);
    r.bind(2, assignment);
    r.bind(3, status);
    r.bind(4, static_cast<std::int64_t>(ms));
    r.bind(5, static_cast<std::int64_t>(ms));
    r.bind(6, score);
    r.exec();
    SQLite::Statement s(db,
                        "INSERT INTO autograde_run_students (run_id, email, status) VALUES "
                        "(last_insert_rowid(), ?, ?)");
    s.bind(1, email);
    s.bind(2, status);
    s.exec();
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
  const auto attempts = load_attempts(s.db, a);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].source == "autograde");
  CHECK(attempts[0].email == "ann@x.edu");
  CHECK(format_utc(attempts[0].submitted_at) == "2026-02-09T09:00:00Z");
  CHECK(attempts[1].score == 10);
}

TEST_SUITE_END();
