#include <doctest/doctest.h>

#include "cs351/core/error.h"
#include "cs351/roster/canvas_gradebook.h"
#include "cs351/roster/roster_file.h"
#include "support.h"

using namespace cs351::roster;

TEST_SUITE_BEGIN("roster/canvas_gradebook");

TEST_CASE("the layout is recognised by its four identity columns, wherever they are") {
  const auto c = canvas_columns({"student", "id", "sis user id", "sis login id", "section", "hw1"});
  REQUIRE(c);
  CHECK(c->id == 1);
  CHECK(c->sis_login_id == 3);
  CHECK(c->section == 4u);
  CHECK_FALSE(canvas_columns({"student", "id", "sis user id", "email"}));
  CHECK_FALSE(canvas_columns({"email", "name", "sid"}));
}

TEST_CASE("Canvas's rows that are no person are named") {
  const CanvasColumns c{0, 1, 2, 3, 4};
  CHECK(canvas_placeholder({"    Points Possible", "", "", "", "", "10"}, c) == "Points Possible");
  CHECK(canvas_placeholder({"", "", "", "", "", "Muted"}, c) == "Muted");
  CHECK(canvas_placeholder({"", "", "", "", "", "Manual Posting"}, c) == "Manual Posting");
  CHECK(canvas_placeholder({"Student, Test", "99", "", "", "A"}, c) == "Test Student");
  CHECK(canvas_placeholder({"Test Student", "99"}, c) == "Test Student");
  CHECK(canvas_placeholder({"Rivera, Ana", "777", "UMB0099", "ana@umb.edu"}, c).empty());
}

TEST_CASE("the email is the login when it is an address, else login@domain, else nothing") {
  CHECK(canvas_email("ana@umb.edu", "") == "ana@umb.edu");
  CHECK(canvas_email("ana@umb.edu", "other.edu") == "ana@umb.edu");
  CHECK(canvas_email("arivera", "umb.edu") == "arivera@umb.edu");
  CHECK(canvas_email("arivera", "").empty());
  CHECK(canvas_email("", "umb.edu").empty());
}

TEST_CASE("sections Canvas joined with ' and ' come apart") {
  CHECK(canvas_sections("LEC0101 and Tut0101") == std::vector<std::string>{"LEC0101", "Tut0101"});
  CHECK(canvas_sections("Section for the course Programming in Python") ==
        std::vector<std::string>{"Section for the course Programming in Python"});
  CHECK(canvas_sections("").empty());
}

TEST_CASE("the issue's file: SID from SIS User ID, Canvas ID as the LMS id, the name kept") {
  const auto file = read_roster(
      "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1\n"
      "    Points Possible,,,,,10\n"
      "\"Rivera, Ana\",777,UMB0099,ana.rivera@umb.edu,CS110-01,9\n"
      "\"Student, Test\",999,,,CS110-01,\n",
      "gradebook.csv");
  REQUIRE(file.problems.empty());
  REQUIRE(file.rows.size() == 1);
  const auto& r = file.rows[0];
  CHECK(r.sid == "UMB0099");
  CHECK(r.lms_id == "777");
  CHECK(r.email == "ana.rivera@umb.edu");
  CHECK(r.first_name == "Ana");
  CHECK(r.last_name == "Rivera");
  CHECK(r.name == "Ana Rivera");
  CHECK(file.skipped ==
        std::vector<std::string>{"line 2: Points Possible", "line 4: Test Student"});
}

TEST_CASE("the three real layouts in fixtures/rosters read without problems given a domain") {
  for (const char* name : {"rosters/canvas_kth_sv.csv", "rosters/canvas_quercus_2018.csv",
                           "rosters/canvas_plom_muted.csv"}) {
    CAPTURE(name);
    const auto file = read_roster(cs351::test::read_fixture(name), name, {"example.edu"});
    CHECK(file.problems.empty());
    CHECK(file.rows.size() == 2);
    for (const auto& r : file.rows) CHECK_FALSE(r.sid == r.lms_id);
  }
}

TEST_SUITE_END();
