#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "cs351/auth/magic_links.h"
#include "cs351/core/error.h"
#include "mail_test_support.h"
#include "support.h"

using namespace std::chrono_literals;
using cs351::auth::Purpose;

namespace {

struct Fixture {
  cs351::test::ScratchDir dir;
  std::unique_ptr<cs351::store::Store> store = cs351::test::open_test_store(dir);
  SQLite::Database& db = store->db();
  cs351::ManualClock clock{cs351::test::test_epoch()};
  std::int64_t course = cs351::test::add_test_course(db, "CS351");
  std::int64_t ada = cs351::test::enroll(db, course, "ada@x.edu", "student");
  std::int64_t grace = cs351::test::enroll(db, course, "grace@x.edu", "ta");

  std::string issue(std::int64_t person, Purpose p = Purpose::login,
                    std::chrono::milliseconds ttl = 15min) {
    return cs351::auth::issue_token(db, person, p, ttl, clock).token;
  }
  // The reason a redeem is refused ("" when it succeeds), checking the exit code.
  std::string refusal(const std::string& token, Purpose p = Purpose::login) {
    try {
      cs351::auth::redeem_token(db, token, p, clock);
      return "";
    } catch (const cs351::Error& e) {
      CHECK(e.code() == cs351::ExitCode::no_perm);
      return e.what();
    }
  }
  int events(const std::string& action) {
    SQLite::Statement q(db, "SELECT count(*) FROM events WHERE action = ?");
    q.bind(1, action);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
};

}  // namespace

TEST_SUITE_BEGIN("auth/magic_links");

TEST_CASE("a login link redeems once and reports who and in what roles") {
  Fixture f;
  const auto token = f.issue(f.ada);
  const auto seen = cs351::auth::verify_token(f.db, token, f.clock);
  CHECK(seen.email == "ada@x.edu");
  const auto id = cs351::auth::redeem_token(f.db, token, Purpose::login, f.clock);
  CHECK(id.email == "ada@x.edu");
  REQUIRE(id.roles.size() == 1);
  CHECK(id.roles[0].course == "CS351");
  CHECK(id.roles[0].role == "student");
  CHECK(f.refusal(token) == "token refused: already used");
  CHECK(f.events("magic_link.issue") == 1);
  CHECK(f.events("magic_link.verify") == 1);
  CHECK(f.events("magic_link.redeem") == 1);
  CHECK(f.events("magic_link.reject") == 1);
}

TEST_CASE("expiry is exact: valid one millisecond before, refused at the instant") {
  Fixture f;
  const auto token = f.issue(f.ada, Purpose::login, 15min);
  f.clock.advance(15min - 1ms);
  CHECK_NOTHROW(cs351::auth::verify_token(f.db, token, f.clock));
  f.clock.advance(1ms);
  CHECK(f.refusal(token) == "token refused: expired");
}

TEST_CASE("revoked, wrong purpose and unknown tokens are told apart") {
  Fixture f;
  const auto token = f.issue(f.ada);
  CHECK(cs351::auth::revoke_tokens(f.db, "ADA@x.edu", std::nullopt, f.clock) == 1);
  CHECK(f.refusal(token) == "token refused: revoked");
  CHECK(f.events("magic_link.revoke") == 1);

  const auto onboard = f.issue(f.grace, Purpose::onboard, 7 * 24h);
  CHECK(f.refusal(onboard, Purpose::login) == "token refused: wrong purpose");
  CHECK(f.refusal(cs351::auth::generate_token().plaintext) == "token refused: unknown token");
}

TEST_CASE("a newer token revokes the older unused one of the same purpose only") {
  Fixture f;
  const auto first = f.issue(f.grace, Purpose::onboard, 7 * 24h);
  const auto login = f.issue(f.ada);
  const auto second = f.issue(f.grace, Purpose::onboard, 7 * 24h);
  CHECK(f.refusal(first, Purpose::onboard) == "token refused: revoked");
  CHECK(f.refusal(second, Purpose::onboard).empty());
  CHECK(f.refusal(login).empty());
}

TEST_CASE("a deactivated course or a dropped student makes outstanding links fail") {
  Fixture f;
  const auto token = f.issue(f.ada);
  cs351::roster::set_course_active(f.db, "CS351", false);
  CHECK(f.refusal(token) == "token refused: not eligible");
  cs351::roster::set_course_active(f.db, "CS351", true);
  cs351::test::enroll(f.db, f.course, "ada@x.edu", "student", "dropped");
  CHECK(f.refusal(token) == "token refused: not eligible");
  cs351::test::enroll(f.db, f.course, "ada@x.edu", "student", "enrolled");
  CHECK(f.refusal(token).empty());  // refusals did not consume it
}

TEST_CASE("staff log in only after redeeming their onboarding link") {
  Fixture f;
  const auto early = f.issue(f.grace, Purpose::login);
  CHECK(f.refusal(early) == "token refused: not eligible");
  CHECK(cs351::auth::eligible_roles(f.db, f.grace, Purpose::login).empty());
  CHECK(f.refusal(f.issue(f.grace, Purpose::onboard, 7 * 24h), Purpose::onboard).empty());
  CHECK(cs351::auth::is_onboarded(f.db, f.grace));
  CHECK(f.refusal(f.issue(f.grace, Purpose::login)).empty());
  CHECK(cs351::auth::eligible_roles(f.db, f.ada, Purpose::onboard)
            .empty());  // students are never onboarded
}

TEST_CASE("malformed tokens are exit 65 and logged") {
  Fixture f;
  CHECK_THROWS_AS(cs351::auth::redeem_token(f.db, "short", Purpose::login, f.clock), cs351::Error);
  CHECK(f.events("magic_link.reject") == 1);
}

TEST_CASE("list shows states by course, never tokens; the store file holds no plaintext") {
  Fixture f;
  const auto other = cs351::test::add_test_course(f.db, "OTHER");
  const auto bob = cs351::test::enroll(f.db, other, "bob@x.edu", "student");
  std::vector<std::string> tokens{f.issue(f.ada), f.issue(bob)};
  cs351::auth::redeem_token(f.db, tokens[0], Purpose::login, f.clock);
  tokens.push_back(f.issue(f.grace, Purpose::onboard, 1min));
  f.clock.advance(2min);
  const auto all = cs351::auth::list_tokens(f.db, {}, f.clock);
  REQUIRE(all.size() == 3);
  CHECK(all[0].status == "used");
  CHECK(all[1].status == "active");
  CHECK(all[2].status == "expired");
  CHECK(cs351::auth::list_tokens(f.db, {f.course, std::nullopt}, f.clock).size() == 2);
  CHECK(cs351::auth::list_tokens(f.db, {std::nullopt, std::string("used")}, f.clock).size() == 1);

  f.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  for (const auto* name : {"cs351.db", "cs351.db-wal"}) {
    std::ifstream in(f.dir / name, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    for (const auto& t : tokens) CHECK(bytes.find(t) == std::string::npos);
  }
}

TEST_SUITE_END();
