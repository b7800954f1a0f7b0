#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "cs351/core/error.h"
#include "cs351/gradescope/mirror.h"
#include "cs351/gradescope/queries.h"
#include "support.h"

using namespace cs351;
using namespace cs351::gradescope;

namespace {

struct Course {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  SQLite::Database& db = store->db();
  std::int64_t id = [this] {
    roster::add_course(db, {"CS351", std::nullopt, std::nullopt, std::string("America/New_York")});
    return roster::require_course(db, "CS351").id;
  }();
};

AssignmentRow hw1() {
  AssignmentRow a;
  a.id = "11";
  a.title = "HW1";
  a.total_points = 100;
  a.due_date = "2026-07-01T23:59";
  a.published = true;
  return a;
}

int count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT count(*) FROM " + table).getInt();
}

}  // namespace

TEST_SUITE_BEGIN("gradescope/mirror");

TEST_CASE("course-local dates become UTC, summer and winter alike") {
  auto a = hw1();
  a.release_date = "2026-01-10T09:00";
  const auto r = to_records({a}, "America/New_York");
  CHECK(r[0].due_at == "2026-07-02T03:59:00Z");
  CHECK(r[0].release_at == "2026-01-10T14:00:00Z");
  CHECK_FALSE(r[0].late_due_at.has_value());
  a.due_date = "next week";
  CHECK_THROWS_WITH(to_records({a}, "UTC"),
                    doctest::Contains("assignment 11 (HW1): due_date 'next week' is not a time"));
}

TEST_CASE("saving twice changes nothing; a changed field is one update") {
  Course c;
  std::map<std::string, std::int64_t> ids;
  auto records = to_records({hw1()}, "UTC");
  CHECK(save_assignments(c.db, c.id, records, "t1", ids).inserted == 1);
  CHECK(save_assignments(c.db, c.id, records, "t2", ids).unchanged == 1);
  records[0].title = "HW1 (revised)";
  CHECK(save_assignments(c.db, c.id, records, "t3", ids).updated == 1);
  const auto listed = list_assignments(c.db, c.id);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].title == "HW1 (revised)");
  CHECK(c.db.execAndGet("SELECT updated_at FROM gradescope_assignments").getString() == "t3");

  ScoreRow s;
  s.email = "ada@example.edu";
  s.score = 9.5;
  s.status = "graded";
  CHECK(save_scores(c.db, ids.at("11"), {s}, "t4").inserted == 1);
  CHECK(save_scores(c.db, ids.at("11"), {s}, "t5").unchanged == 1);
  s.score.reset();
  CHECK(save_scores(c.db, ids.at("11"), {s}, "t6").updated == 1);
  CHECK(list_scores(c.db, c.id, std::string("HW1 (revised)")).at(0).score == std::nullopt);
}

TEST_CASE("a write unit rolls back unless committed, also nested in a dry run") {
  Course c;
  std::map<std::string, std::int64_t> ids;
  {
    WriteUnit unit(c.db);
    save_assignments(c.db, c.id, to_records({hw1()}, "UTC"), "t", ids);
  }
  CHECK(count(c.db, "gradescope_assignments") == 0);
  {
    WriteUnit dry(c.db);
    {
      WriteUnit inner(c.db);
      save_assignments(c.db, c.id, to_records({hw1()}, "UTC"), "t", ids);
      inner.commit();
    }
    CHECK(count(c.db, "gradescope_assignments") == 1);
  }
  CHECK(count(c.db, "gradescope_assignments") == 0);
}

TEST_CASE("course link validates the id and refuses a second course on the same id") {
  Course c;
  CHECK(link_course(c.db, "CS351", "1001") == store::Change::inserted);
  CHECK(link_course(c.db, "CS351", "1001") == store::Change::unchanged);
  roster::add_course(c.db, {"OTHER", std::nullopt, std::nullopt, std::nullopt});
  CHECK_THROWS_WITH(link_course(c.db, "OTHER", "1001"),
                    doctest::Contains("already linked to CS351"));
  CHECK_THROWS_WITH(link_course(c.db, "OTHER", "10a1"),
                    doctest::Contains("not a Gradescope course id"));
  CHECK_THROWS_AS(link_course(c.db, "NOPE", "5"), Error);
}

TEST_SUITE_END();
