#include <doctest/doctest.h>

#include "cs351/analytics/assignments.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "support.h"

using namespace cs351;
using namespace cs351::analytics;

TEST_SUITE_BEGIN("analytics/assignments");

TEST_CASE("add, update the fields given, unchanged on repeat; times are course-local") {
  test::ScratchDir dir;
  auto store = test::open_test_store(dir);
  auto& db = store->db();
  roster::add_course(db, {"C1", {}, {}, std::string("Europe/Berlin")});
  const auto course = *roster::find_course(db, "C1");
  CHECK(add_assignment(
            db, course,
            {"hw1", std::string("2026-02-01T09:00"), std::string("2026-02-10T23:59"), {}, 20.0}) ==
        store::Change::inserted);
  CHECK(add_assignment(db, course, {"hw1", {}, std::string("2026-02-10T23:59"), {}, {}}) ==
        store::Change::unchanged);
  CHECK(add_assignment(db, course, {"HW1", {}, {}, {}, 25.0}) == store::Change::updated);
  const auto a = require_assignment(db, course, "hw1");
  CHECK(format_utc(*a.due) == "2026-02-10T22:59:00Z");  // CET = UTC+1
  CHECK(format_utc(*a.release) == "2026-02-01T08:00:00Z");
  CHECK(a.max_points == 25.0);
}

TEST_CASE("bad fields are usage errors; unknown names a data error listing the known") {
  test::ScratchDir dir;
  auto store = test::open_test_store(dir);
  auto& db = store->db();
  roster::add_course(db, {"C1", {}, {}, {}});
  const auto course = *roster::find_course(db, "C1");
  const auto code_of = [&](const AssignmentFields& f) {
    try {
      add_assignment(db, course, f);
    } catch (const Error& e) {
      return e.code();
    }
    return ExitCode::ok;
  };
  CHECK(code_of({"  ", {}, {}, {}, {}}) == ExitCode::usage);
  CHECK(code_of({"hw", {}, std::string("tomorrow"), {}, {}}) == ExitCode::usage);
  CHECK(code_of({"hw", {}, {}, {}, -1.0}) == ExitCode::usage);
  CHECK(code_of({"hw", std::string("2026-02-10"), std::string("2026-02-01"), {}, {}}) ==
        ExitCode::usage);
  CHECK(code_of({"hw", {}, std::string("2026-02-10"), std::string("2026-02-01"), {}}) ==
        ExitCode::usage);
  add_assignment(db, course, {"lab", {}, {}, {}, {}});
  try {
    require_assignment(db, course, "hw9");
    FAIL("found");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find("known: lab") != std::string::npos);
  }
}

TEST_SUITE_END();
