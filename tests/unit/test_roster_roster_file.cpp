#include <doctest/doctest.h>

#include <algorithm>

#include "cs351/core/error.h"
#include "cs351/roster/roster_file.h"
#include "support.h"

using cs351::roster::read_roster;

namespace {
bool has_problem(const cs351::roster::RosterFile& f, const std::string& needle) {
  return std::any_of(f.problems.begin(), f.problems.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}
}  // namespace

TEST_SUITE_BEGIN("roster/roster_file");

TEST_CASE("Gradescope export: names, roles, sections, unicode, formula guard") {
  const auto f = read_roster(cs351::test::read_fixture("rosters/gradescope_roster.csv"), "gs.csv");
  REQUIRE(f.problems.empty());
  REQUIRE(f.rows.size() == 8);
  CHECK(f.rows[0].email == "ada.lovelace@example.edu");  // lower-cased
  CHECK(f.rows[0].sections == std::vector<std::string>{"L01", "R02"});
  CHECK(f.rows[2].role == "ta");
  CHECK(f.rows[4].name == "李 小龙");
  CHECK(f.rows[5].first_name == "O'Brien, \"Pat\"");
}

TEST_CASE("registrar headers are matched through aliases, single Name is split") {
  const auto f = read_roster(
      "Student Name,E-Mail Address,Student ID,Section\n\"Lovelace, Ada\",ada@x.edu,7,A\n"
      "Alan Mathison Turing,alan@x.edu,8,B\n",
      "reg.csv");
  REQUIRE(f.problems.empty());
  CHECK(f.rows[0].first_name == "Ada");
  CHECK(f.rows[0].last_name == "Lovelace");
  CHECK(f.rows[0].name == "Ada Lovelace");
  CHECK(f.rows[1].first_name == "Alan Mathison");
  CHECK(f.rows[1].sid == "8");
  CHECK_FALSE(f.rows[1].role.has_value());
}

TEST_CASE("every bad row is reported with its line, not just the first") {
  const auto f = read_roster(
      "Email,Name,Role\n,No Email,student\nnot-an-email,Bad,student\na@x.edu,A,student\n"
      "A@X.edu,Dup,student\nb@x.edu,B,wizard\n",
      "bad.csv");
  CHECK(f.problems.size() == 4);
  CHECK(has_problem(f, "bad.csv:2: missing email"));
  CHECK(has_problem(f, "bad.csv:3: email must contain exactly one '@'"));
  CHECK(has_problem(f, "bad.csv:5: duplicate email a@x.edu (first seen at 4)"));
  CHECK(has_problem(f, "bad.csv:6: unknown role 'wizard'"));
}

TEST_CASE(
    "structural problems: empty file, header only, no email column, extra fields, duplicate "
    "column") {
  CHECK(has_problem(read_roster("", "e.csv"), "e.csv:1: the file is empty"));
  CHECK(has_problem(read_roster("Email,Name\n", "h.csv"), "header only"));
  CHECK(has_problem(read_roster("Name,SID\nA,1\n", "n.csv"),
                    "n.csv:1: missing required column Email"));
  CHECK(has_problem(read_roster("Email,Name\na@x.edu,A,extra\n", "x.csv"), "x.csv:2: 3 fields"));
  CHECK(has_problem(read_roster("Email,email,Name\na@x.edu,b@x.edu,A\n", "d.csv"),
                    "duplicate column"));
}

TEST_CASE("our JSON export reads back") {
  const auto f =
      read_roster(R"([{"email":"a@x.edu","name":"A B","first_name":"A","last_name":"B","sid":"1",
                                  "role":"ta","sections":["L1","L2"],"status":"dropped"}, 7])",
                  "r.json");
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0].role == "ta");
  CHECK(f.rows[0].status == "dropped");
  CHECK(f.rows[0].sections.size() == 2);
  CHECK(has_problem(f, "r.json:record 2: not a JSON object"));
  CHECK(has_problem(read_roster("[", "t.json"), "not a JSON array"));
}

TEST_CASE("random mutations never crash the reader") {
  const auto base = cs351::test::read_fixture("rosters/gradescope_roster.csv");
  unsigned seed = 12345;
  for (int i = 0; i < 2000; ++i) {
    std::string m = base;
    for (int k = 0; k < 4; ++k) {
      seed = seed * 1103515245 + 12345;
      const auto pos = (seed >> 8) % m.size();
      m[pos] = "\",\n\r\xff;@=a"[(seed >> 20) % 10];
    }
    try {
      read_roster(m, "fuzz.csv");
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::data);
    }
  }
}

TEST_SUITE_END();
