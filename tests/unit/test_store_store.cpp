#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "cs351/core/error.h"
#include "cs351/store/events.h"
#include "cs351/store/store.h"
#include "support.h"

using namespace cs351;

TEST_SUITE_BEGIN("store/store");

TEST_CASE("migrations apply once, in order, per component") {
  test::ScratchDir dir;
  store::Migrations v1{{"a", 1, "CREATE TABLE t(x)"}};
  store::Migrations v2{{"a", 1, "CREATE TABLE t(x)"},
                       {"a", 2, "ALTER TABLE t ADD COLUMN y"},
                       {"b", 1, "CREATE TABLE u(z)"}};
  {
    auto s = store::Store::open(dir / "s.db", v1);
    CHECK(store::schema_version(s->db(), "a") == 1);
  }
  auto s = store::Store::open(dir / "s.db", v2);
  CHECK(store::schema_version(s->db(), "a") == 2);
  CHECK(store::schema_version(s->db(), "b") == 1);
  s.reset();
  CHECK_NOTHROW(store::Store::open(dir / "s.db", v2));  // re-open: nothing pending, nothing re-run
}

TEST_CASE("a store from a newer binary is refused and left untouched") {
  test::ScratchDir dir;
  store::Migrations newer{{"a", 1, "CREATE TABLE t(x)"}, {"a", 2, "CREATE TABLE t2(x)"}};
  store::Store::open(dir / "s.db", newer).reset();
  store::Migrations older{{"a", 1, "CREATE TABLE t(x)"}, {"c", 1, "CREATE TABLE c(x)"}};
  try {
    store::Store::open(dir / "s.db", older);
    FAIL("opened");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()).find("newer cs351") != std::string::npos);
  }
  auto s = store::Store::open(dir / "s.db", newer);
  CHECK(store::schema_version(s->db(), "c") == 0);
}

TEST_CASE("WAL and foreign keys are on; events are append-only") {
  test::ScratchDir dir;
  auto s = test::open_test_store(dir);
  CHECK(s->db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(s->db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  store::append_event(s->db(), {"test.action", "who@x.edu", {{"k", 1}}});
  CHECK_THROWS(s->db().exec("UPDATE events SET action = 'x'"));
  CHECK_THROWS(s->db().exec("DELETE FROM events"));
  CHECK(s->db().execAndGet("SELECT details FROM events").getString() == R"({"k":1})");
}

TEST_SUITE_END();
