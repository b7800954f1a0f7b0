#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "cs351/auth/magic_links.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/mail/outbox.h"
#include "cs351/registry.h"
#include "cs351/store/time_column.h"
#include "mail_test_support.h"
#include "support.h"

using namespace cs351;

namespace {

// Every migration up to the last one that wrote epoch milliseconds.
store::Migrations before_store_time() {
  store::Migrations out;
  for (const auto& m : all_migrations()) {
    const bool later = (m.component == "auth" && m.version > 1) ||
                       (m.component == "mail" && m.version > 1) ||
                       (m.component == "autograde" && m.version > 2);
    if (!later) out.push_back(m);
  }
  return out;
}

std::string text_of(SQLite::Database& db, const std::string& sql) {
  return db.execAndGet(sql).getString();
}

constexpr std::int64_t k_t0 = 1'795'996'546'123;  // 2026-11-29T23:55:46.123Z
constexpr const char* k_t0_text = "2026-11-29T23:55:46.123Z";

// Rows as the old binary wrote them. Raw SQL on purpose for the three tables:
// no module API writes milliseconds any more.
void write_old_rows(SQLite::Database& db) {
  const auto course = test::add_test_course(db, "CS351");
  REQUIRE(test::enroll(db, course, "ann@x.edu", "student") == 1);
  REQUIRE(course == 1);
  db.exec(fmt::format(
      "INSERT INTO magic_links(token_id, token_hash, person_id, purpose, created_at, expires_at, "
      "used_at) VALUES ('t1', 'h1', 1, 'login', {0}, {0} + 900000, {0} + 5)",
      k_t0));
  db.exec(fmt::format(
      "INSERT INTO mail_outbox(batch, recipient, kind, created_at, updated_at) VALUES ('b', "
      "'ann@x.edu', 'login', {0}, {0} + 1)",
      k_t0));
  db.exec(fmt::format(
      "INSERT INTO autograde_runs(id, course_id, assignment, status, submission, submitted_at, "
      "enqueued_at, started_at, worker_id, attempt, lease_expires_at) VALUES (1, 1, 'hw1', "
      "'running', 'abc', {0} - 60000, {0}, {0} + 7, 'w1', 1, {0} + 60007)",
      k_t0));
  db.exec(fmt::format(
      "INSERT INTO autograde_run_requests(run_id, received_at, deduplicated, reason) VALUES (1, "
      "{}, 0, 'new run')",
      k_t0));
}

}  // namespace

TEST_SUITE_BEGIN("store/migration");

TEST_CASE("a store with epoch milliseconds is converted in place to the store's time text") {
  test::ScratchDir dir;
  write_old_rows(store::Store::open(dir / "s.db", before_store_time())->db());
  auto s = store::Store::open(dir / "s.db", all_migrations());
  auto& db = s->db();
  CHECK(text_of(db, "SELECT created_at FROM magic_links") == k_t0_text);
  CHECK(text_of(db, "SELECT expires_at FROM magic_links") == "2026-11-30T00:10:46.123Z");
  CHECK(text_of(db, "SELECT used_at FROM magic_links") == "2026-11-29T23:55:46.128Z");
  CHECK(db.execAndGet("SELECT revoked_at IS NULL FROM magic_links").getInt() == 1);
  CHECK(text_of(db, "SELECT updated_at FROM mail_outbox") == "2026-11-29T23:55:46.124Z");
  CHECK(text_of(db, "SELECT submitted_at FROM autograde_runs") == "2026-11-29T23:54:46.123Z");
  CHECK(text_of(db, "SELECT lease_expires_at FROM autograde_runs") == "2026-11-29T23:56:46.130Z");
  CHECK(db.execAndGet("SELECT finished_at IS NULL FROM autograde_runs").getInt() == 1);
  CHECK(text_of(db, "SELECT received_at FROM autograde_run_requests") == k_t0_text);
  CHECK(text_of(db, "SELECT typeof(enqueued_at) FROM autograde_runs") == "text");

  // The modules read the converted rows back as the instants the old binary wrote.
  const auto t0 = TimePoint(std::chrono::milliseconds(k_t0));
  const ManualClock clock{t0};
  const auto tokens = auth::list_tokens(db, {}, clock);
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].created_at == t0);
  CHECK(tokens[0].used_at == t0 + std::chrono::milliseconds(5));
  CHECK(mail::list_outbox(db, {.since = t0, .status = {}})[0].updated_at ==
        t0 + std::chrono::milliseconds(1));
  const auto run = autograde::require_run(db, 1);
  CHECK(run.lease_expires_at == t0 + std::chrono::milliseconds(60'007));
  CHECK(autograde::run_requests(db, 1)[0].received_at == t0);
  // The lease comparison in SQL works on the converted text: not yet expired, then expired.
  CHECK(autograde::reap_expired(db, clock) == 0);
  CHECK(autograde::reap_expired(db, ManualClock{t0 + std::chrono::minutes(2)}) == 1);
}

TEST_CASE("a stored time that is not a time is a data error naming its column") {
  test::ScratchDir dir;
  auto s = test::open_test_store(dir);
  SQLite::Statement q(s->db(), "SELECT 'soon' AS lease_expires_at");
  REQUIRE(q.executeStep());
  try {
    store::read_time(q.getColumn(0));
    FAIL("read");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    CHECK(std::string(e.what()).find("lease_expires_at") != std::string::npos);
  }
}

TEST_SUITE_BEGIN("store/migration");

TEST_CASE("roster 2: SIDs stop being unique store-wide; people and their SIDs are kept") {
  test::ScratchDir dir;
  store::Migrations roster_1;
  for (const auto& m : all_migrations())
    if (!(m.component == "roster" && m.version > 1)) roster_1.push_back(m);
  {
    auto old = store::Store::open(dir / "s.db", roster_1);
    // Raw SQL: today's roster code writes columns a version-1 store does not have.
    old->db().exec(
        "INSERT INTO people(email, sid, created_at, updated_at) VALUES ('ann@x.edu', '1001', "
        "'t', 't')");
    CHECK_THROWS(
        old->db().exec("INSERT INTO people(email, sid, created_at, updated_at) VALUES "
                       "('alias@x.edu', '1001', 't', 't')"));
  }
  auto s = store::Store::open(dir / "s.db", all_migrations());
  auto& db = s->db();
  CHECK(text_of(db, "SELECT email || ' ' || sid FROM people") == "ann@x.edu 1001");
  db.exec(
      "INSERT INTO people(email, sid, created_at, updated_at) VALUES ('alias@x.edu', '1001', 't', "
      "'t')");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM people WHERE sid = '1001'").getInt() == 2);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = "
                      "'people_sid'")
            .getInt() == 1);
}

TEST_SUITE_END();
