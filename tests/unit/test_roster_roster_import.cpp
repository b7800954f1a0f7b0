#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "cs351/core/error.h"
#include "cs351/roster/course.h"
#include "cs351/roster/people.h"
#include "cs351/roster/roster_import.h"
#include "support.h"

using namespace cs351;

namespace {

struct Fixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  ManualClock clock{TimePoint(std::chrono::hours(24 * 20000))};
  SQLite::Database& db() { return store->db(); }

  Fixture() {
    roster::add_course(db(), {"C1", std::string("Course"), {}, std::string("UTC")}, clock);
  }

  roster::ImportSummary import(const std::string& csv, bool sync = false, bool dry_run = false) {
    return roster::import_roster(db(), "C1", csv, {"student", sync, "t.csv", true, dry_run}, clock);
  }
  int count(const std::string& sql) {
    SQLite::Statement q(db(), sql);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
};

const char* k_csv =
    "Email,First Name,Last Name,SID\na@x.edu,Ada,L,1\nb@x.edu,Bob,M,2\nc@x.edu,Cy,N,3\n";

}  // namespace

TEST_SUITE_BEGIN("roster/roster_import");

TEST_CASE("first import inserts, re-import changes nothing") {
  Fixture f;
  auto s = f.import(k_csv);
  CHECK(s.inserted == 3);
  s = f.import(k_csv);
  CHECK(s.inserted == 0);
  CHECK(s.updated == 0);
  CHECK(s.unchanged == 3);
  CHECK(f.count("SELECT COUNT(*) FROM events WHERE action = 'roster.import'") == 2);
}

TEST_CASE("changed fields are updates; emails match case-insensitively") {
  Fixture f;
  f.import(k_csv);
  auto s = f.import("Email,First Name,Last Name,Role\nA@X.EDU,Ada,Lovelace,ta\n");
  CHECK(s.updated == 1);
  REQUIRE(s.changes.size() == 1);
  CHECK(roster::change_text(s.changes[0]).find("role 'student' -> 'ta'") != std::string::npos);
  CHECK(s.changes[0].action == "update");
  auto m = roster::find_member(f.db(), 1, "a@x.edu");
  REQUIRE(m);
  CHECK(m->last_name == "Lovelace");
  CHECK(m->sid == "1");  // an empty SID cell keeps the stored one
}

TEST_CASE("--sync drops the missing, keeps them, and re-enrolls on return") {
  Fixture f;
  f.import(k_csv);
  auto s = f.import("Email\na@x.edu\nb@x.edu\n", true);
  CHECK(s.removed == 1);
  REQUIRE(s.changes.size() == 1);
  CHECK(roster::change_text(s.changes[0]) == "drop    c@x.edu (student)");
  CHECK(roster::find_member(f.db(), 1, "c@x.edu")->status == "dropped");
  CHECK(roster::list_members(f.db(), 1).size() == 2);
  s = f.import(k_csv);
  CHECK(s.updated == 1);
  CHECK(roster::find_member(f.db(), 1, "c@x.edu")->status == "enrolled");
}

TEST_CASE("--sync only touches the roles in the file") {
  Fixture f;
  f.import(k_csv);
  f.import("Email,Role\nta@x.edu,ta\n");
  auto s = f.import("Email,Role\nta2@x.edu,ta\n", true);
  CHECK(s.removed == 1);
  CHECK(roster::list_members(f.db(), 1, std::string("student")).size() == 3);
}

TEST_CASE("dry run writes nothing") {
  Fixture f;
  auto s = f.import(k_csv, false, true);
  CHECK(s.inserted == 3);
  CHECK(s.changes.size() == 3);
  CHECK(f.count("SELECT COUNT(*) FROM people") == 0);
  CHECK(f.count("SELECT COUNT(*) FROM events WHERE action = 'roster.import'") == 0);
}

TEST_CASE("SID owned by another member of the course is a data error and nothing is written") {
  Fixture f;
  f.import(k_csv);
  try {
    f.import("Email,SID\nnew@x.edu,1\nz@x.edu,9\n");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find("t.csv:2: SID 1 of new@x.edu already belongs to a@x.edu "
                                     "in C1: fix the SID in the file, or, if they are one person "
                                     "under a new email, remove a@x.edu from C1's roster "
                                     "first") != std::string::npos);
  }
  CHECK(f.count("SELECT COUNT(*) FROM people") == 3);
}

TEST_CASE("another course may know the same SID under another email") {
  Fixture f;
  f.import(k_csv);
  roster::add_course(f.db(), {"C2", {}, {}, {}});
  const auto c2 = roster::require_course(f.db(), "C2");
  roster::import_roster(f.db(), "C2", "Email,SID\nalias@x.edu,1\n", {.source = "t.csv"});
  CHECK(f.count("SELECT COUNT(*) FROM people WHERE sid = '1'") == 2);
  CHECK(roster::find_member(f.db(), c2.id, "alias@x.edu"));
}

TEST_CASE("bad rows abort the whole import") {
  Fixture f;
  CHECK_THROWS_AS(f.import("Email\ngood@x.edu\nbad\n"), Error);
  CHECK(f.count("SELECT COUNT(*) FROM people") == 0);
}

TEST_CASE("unknown course is a data error naming the fix") {
  Fixture f;
  try {
    roster::import_roster(f.db(), "NOPE", k_csv, {}, f.clock);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find("cs351 course add NOPE") != std::string::npos);
  }
}

TEST_SUITE_END();
