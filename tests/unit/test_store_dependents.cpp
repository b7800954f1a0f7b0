#include <doctest/doctest.h>

#include <map>

#include "cs351/roster/course.h"
#include "cs351/store/dependents.h"
#include "support.h"

using namespace cs351;

TEST_SUITE_BEGIN("store/dependents");

TEST_CASE(
    "rows that hang off a course are counted and deleted children first, other courses kept") {
  test::ScratchDir dir;
  auto store = test::open_test_store(dir);
  auto& db = store->db();
  roster::add_course(db, {"A", {}, {}, {}});
  roster::add_course(db, {"B", {}, {}, {}});
  const auto a = roster::require_course(db, "A");
  const auto b = roster::require_course(db, "B");
  db.exec(
      "INSERT INTO people(id, email, created_at, updated_at) VALUES (1, 'p@x.edu', 't', 't');"
      "INSERT INTO enrollments(course_id, person_id, role, created_at, updated_at) VALUES "
      "(" +
      std::to_string(a.id) + ", 1, 'student', 't', 't'), (" + std::to_string(b.id) +
      ", 1, 'student', 't', 't');"
      "INSERT INTO gradescope_assignments(id, course_id, gradescope_id, title, updated_at) VALUES "
      "(7, " +
      std::to_string(a.id) +
      ", '1', 'HW1', 't');"
      "INSERT INTO gradescope_scores(assignment_id, email, status, updated_at) VALUES "
      "(7, 'p@x.edu', 'graded', 't');"
      "INSERT INTO autograde_runs(course_id, assignment, submission, submitted_at, enqueued_at) "
      "VALUES (" +
      std::to_string(a.id) +
      ", 'hw1', 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');");
  const auto rows = store::dependent_rows(db, "courses", a.id);
  std::map<std::string, std::int64_t> by_table;
  for (const auto& r : rows) by_table[r.table] = r.rows;
  CHECK(by_table == std::map<std::string, std::int64_t>{{"autograde_runs", 1},
                                                        {"enrollments", 1},
                                                        {"gradescope_assignments", 1},
                                                        {"gradescope_scores", 1}});
  // autograde_runs has no ON DELETE CASCADE: the delete must go children first.
  store::delete_with_dependents(db, "courses", a.id);
  CHECK_FALSE(roster::find_course(db, "A"));
  CHECK(db.execAndGet("SELECT COUNT(*) FROM autograde_runs").getInt() == 0);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM gradescope_scores").getInt() == 0);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM enrollments").getInt() == 1);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM people").getInt() == 1);
  CHECK(store::dependent_rows(db, "courses", b.id).size() == 1);
}

TEST_SUITE_END();
