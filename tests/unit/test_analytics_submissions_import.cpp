#include <doctest/doctest.h>

#include <fstream>

#include "cs351/analytics/attempts.h"
#include "cs351/analytics/submissions_import.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "support.h"

using namespace cs351;
using namespace cs351::analytics;

namespace {

std::string error_of(const std::string& csv) {
  try {
    parse_submissions_csv(csv, "h.csv", "America/New_York");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    return e.what();
  }
  FAIL("accepted");
  return "";
}

struct Fixture {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  ManualClock clock{*parse_time("2026-03-01T00:00:00Z")};

  Fixture() {
    roster::add_course(store->db(), {"C1", {}, {}, std::string("America/New_York")}, clock);
    add_assignment(store->db(), *roster::find_course(store->db(), "C1"), {"hw1", {}, {}, {}, 10.0},
                   clock);
  }
  SubmissionsSummary import(const std::string& csv, bool dry_run = false) {
    const auto path = dir / "h.csv";
    std::ofstream(path) << csv;
    return import_submissions(store->db(), {"C1", "hw1", path.string(), dry_run}, clock);
  }
  std::size_t stored() {
    autograde::SqliteQueue runs{store->db(), "unused-artifacts"};
    return load_attempts(
               store->db(), runs,
               require_assignment(store->db(), *roster::find_course(store->db(), "C1"), "hw1"))
        .size();
  }
};

}  // namespace

TEST_SUITE_BEGIN("analytics/submissions_import");

TEST_CASE("headers in any order and case; optional max_score; course-local times") {
  const auto rows = parse_submissions_csv(
      "Score,EMAIL,extra,submitted_at,Max_Score\r\n7,Ann@X.edu,?,2026-02-09 10:00,10\r\n"
      "3,bob@x.edu,,2026-02-09T15:00:00Z,\r\n",
      "h.csv", "America/New_York");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].email == "ann@x.edu");
  CHECK(format_utc(rows[0].submitted_at) == "2026-02-09T15:00:00Z");  // 10:00 EST
  CHECK(rows[0].max_score == 10.0);
  CHECK(rows[1].line == 3);
  CHECK_FALSE(rows[1].max_score.has_value());
}

TEST_CASE("every bad row is reported with file:line") {
  const auto text = error_of(
      "email,submitted_at,score,max_score\n"
      "a@x.edu,2026-02-09T10:00,1,\n"
      "nobody,2026-02-09T10:00,1,\n"
      "a@x.edu,soon,1,\n"
      "a@x.edu,2026-02-09T11:00,NaN,\n"
      "a@x.edu,2026-02-09T12:00,1,0\n"
      "A@x.edu,2026-02-09T10:00,1,\n");
  CHECK(text.find("5 bad rows") != std::string::npos);
  for (const char* where : {"h.csv:3: email", "h.csv:4: submitted_at", "h.csv:5: score",
                            "h.csv:6: max_score", "h.csv:7: duplicate of line 2"}) {
    CAPTURE(where);
    CHECK(text.find(where) != std::string::npos);
  }
}

TEST_CASE("empty, header-only and column-less files are refused") {
  CHECK(error_of("").find("empty file") != std::string::npos);
  CHECK(error_of("email,submitted_at,score\n").find("no submissions") != std::string::npos);
  CHECK(error_of("email,score\na@x.edu,1\n").find("missing column 'submitted_at'") !=
        std::string::npos);
}

TEST_CASE("a long list of errors is cut after 20 lines") {
  std::string csv = "email,submitted_at,score\n";
  for (int i = 0; i < 50; ++i) csv += "x,2026-02-09T10:00,1\n";
  const auto text = error_of(csv);
  CHECK(text.find("50 bad rows") != std::string::npos);
  CHECK(text.find("... and 30 more") != std::string::npos);
}

TEST_CASE("import is all or nothing, idempotent, and a dry run writes nothing") {
  Fixture f;
  CHECK_THROWS_AS(
      f.import("email,submitted_at,score\na@x.edu,2026-02-09T10:00,1\nb@x.edu,never,1\n"), Error);
  CHECK(f.stored() == 0);
  const std::string good =
      "email,submitted_at,score\na@x.edu,2026-02-09T10:00,1\nb@x.edu,2026-02-09T11:00,2\n";
  CHECK(f.import(good, true).inserted == 2);
  CHECK(f.stored() == 0);
  const auto first = f.import(good);
  CHECK(first.inserted == 2);
  CHECK(first.people_unknown == 2);
  const auto again = f.import(good);
  CHECK(again.inserted == 0);
  CHECK(again.unchanged == 2);
  const auto changed = f.import("email,submitted_at,score\na@x.edu,2026-02-09T10:00,5\n");
  CHECK(changed.updated == 1);
  CHECK(f.stored() == 2);
}

TEST_CASE("an unknown assignment or course is a data error") {
  Fixture f;
  const auto path = (f.dir / "h.csv").string();
  std::ofstream(path) << "email,submitted_at,score\na@x.edu,2026-02-09T10:00,1\n";
  CHECK_THROWS_AS(import_submissions(f.store->db(), {"C1", "hw2", path, false}, f.clock), Error);
  CHECK_THROWS_AS(import_submissions(f.store->db(), {"C9", "hw1", path, false}, f.clock), Error);
}

TEST_SUITE_END();
