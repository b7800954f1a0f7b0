#include <doctest/doctest.h>

#include "cs351/core/time_format.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "support.h"

using cs351::format_utc;
using cs351::gradescope::PageStructureError;
using cs351::gradescope::parse_lateness;
using cs351::gradescope::parse_scores_csv;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/scores_csv");

TEST_CASE("current header after a BOM and preamble lines") {
  const auto rows = parse_scores_csv(read_fixture("gradescope/scores_current.csv"), "scores.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].email == "ada@example.edu");
  CHECK(rows[0].name == "Ada Lovelace");
  CHECK(rows[0].score == 95.5);
  CHECK(rows[0].max_points == 100.0);
  CHECK(rows[0].status == "graded");
  CHECK(rows[0].submission_id == "31001");
  CHECK(format_utc(*rows[0].submitted_at) == "2026-02-03T15:15:00Z");
  CHECK(rows[0].lateness_s == 0);
  CHECK(rows[0].submission_count == 2);
  CHECK(rows[0].line == 4);
  CHECK(rows[1].name == "Zoë Ñúñez");
  CHECK_FALSE(rows[1].score.has_value());
  CHECK(rows[1].status == "ungraded");
  CHECK(rows[1].lateness_s == 24 * 3600 + 30 * 60);
  CHECK(rows[2].status == "missing");
  CHECK_FALSE(rows[2].submission_id.has_value());
  CHECK_FALSE(rows[2].submitted_at.has_value());
  CHECK_FALSE(rows[2].lateness_s.has_value());
}

TEST_CASE("older header with a Name column and Submitted status") {
  const auto rows = parse_scores_csv(read_fixture("gradescope/scores_old.csv"), "scores.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "Ada Lovelace");
  CHECK(rows[0].lateness_s == 49 * 3600);
  CHECK(format_utc(*rows[0].submitted_at) == "2022-06-25T19:16:26Z");
  CHECK(rows[1].status == "submitted");
  CHECK(rows[1].submission_count == 1);
}

TEST_CASE("no recognisable header, or an HTML body, is a structure error") {
  CHECK_THROWS_WITH_AS(
      parse_scores_csv(read_fixture("gradescope/scores_broken_header.csv"), "hw1.csv"),
      doctest::Contains(
          "scores.csv header row with Email, Total Score and Status not found on hw1.csv"),
      PageStructureError);
  CHECK_THROWS_WITH_AS(parse_scores_csv(read_fixture("gradescope/login.html"), "hw1.csv"),
                       doctest::Contains("(got an HTML page)"), PageStructureError);
  CHECK_THROWS_AS(parse_scores_csv("", "hw1.csv"), PageStructureError);
}

TEST_CASE("bad values name the file, line and column") {
  const std::string head = "Email,Total Score,Status,Lateness (H:M:S),Submission Time\n";
  CHECK_THROWS_WITH(parse_scores_csv(head + "a@x.edu,ten,Graded,,\n", "s.csv"),
                    "s.csv:2: bad Total Score 'ten'");
  CHECK_THROWS_WITH(parse_scores_csv(head + "a@x.edu,1,Graded,1:2,\n", "s.csv"),
                    "s.csv:2: bad Lateness (H:M:S) '1:2'");
  CHECK_THROWS_WITH(parse_scores_csv(head + "a@x.edu,1,Graded,,yesterday\n", "s.csv"),
                    "s.csv:2: bad Submission Time 'yesterday'");
  CHECK_THROWS_WITH(parse_scores_csv(head + ",1,Graded,,\n", "s.csv"), "s.csv:2: bad Email ''");
  CHECK_THROWS_WITH(parse_scores_csv(head + "a@x.edu,1,Graded,,\nA@X.edu,2,Graded,,\n", "s.csv"),
                    "s.csv:3: email a@x.edu appears twice");
}

TEST_CASE("lateness accepts more than 24 hours and rejects junk") {
  CHECK(parse_lateness("00:00:00") == 0);
  CHECK(parse_lateness("49:00:01") == 49 * 3600 + 1);
  CHECK(parse_lateness("120:59:59") == 120 * 3600 + 59 * 60 + 59);
  for (const char* bad : {"", "1:2", "a:b:c", "-1:00:00", "1:2:3:4", "9999999999:00:00"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_lateness(bad).has_value());
  }
}

TEST_SUITE_END();
