#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "cs351/auth/magic_links.h"
#include "cs351/auth/send.h"
#include "cs351/auth/staff.h"
#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "mail_test_support.h"
#include "support.h"

using namespace std::chrono_literals;
using cs351::auth::Purpose;
using nlohmann::json;

namespace {

struct Fixture {
  cs351::test::ScratchDir dir;
  std::unique_ptr<cs351::store::Store> store = cs351::test::open_test_store(dir);
  SQLite::Database& db = store->db();
  cs351::ManualClock clock{cs351::test::test_epoch()};
  cs351::test::FakeHttp* http = nullptr;
  std::unique_ptr<cs351::mail::Mailer> mailer;
  cs351::auth::LinkSettings settings;
  std::int64_t course = cs351::test::add_test_course(db, "CS351");

  Fixture() {
    auto fake = std::make_unique<cs351::test::FakeHttp>();
    fake->fallback = cs351::test::accept_all();
    http = fake.get();
    mailer = cs351::test::fake_mailer(std::move(fake), clock);
    settings.base_url = "https://cs351.test/login?token=";
    cs351::test::enroll(db, course, "ada@x.edu", "student");
    cs351::test::enroll(db, course, "bob@x.edu", "student", "dropped");
    cs351::test::enroll(db, course, "grace@x.edu", "ta");
  }
  cs351::auth::SendPlan plan(cs351::auth::SendRequest r) {
    return cs351::auth::plan_send(db, r, settings, clock);
  }
  std::map<std::string, std::string> decisions(const cs351::auth::SendPlan& p) {
    std::map<std::string, std::string> out;
    for (const auto& r : p.recipients) out[r.email] = cs351::auth::decision_name(r.decision);
    return out;
  }
  // The token in the text part of the request number `i`.
  std::string token_in(std::size_t i) {
    const auto text =
        json::parse(http->requests.at(i).body)["Content"]["Simple"]["Body"]["Text"]["Data"]
            .get<std::string>();
    std::smatch m;
    REQUIRE(std::regex_search(text, m, std::regex("token=([A-Za-z0-9_-]{43})")));
    return m[1];
  }
};

}  // namespace

TEST_SUITE_BEGIN("auth/send");

TEST_CASE(
    "a course send plans only eligible members; unknown addresses look the same as ineligible") {
  Fixture f;
  const auto p = f.plan({{}, "CS351", "", Purpose::login, std::nullopt});
  CHECK(f.decisions(p) == std::map<std::string, std::string>{{"ada@x.edu", "send"},
                                                             {"bob@x.edu", "not eligible"},
                                                             {"grace@x.edu", "not eligible"}});
  const auto q =
      f.plan({{"nobody@x.edu", " ADA@x.edu ", "ada@x.edu"}, "", "", Purpose::login, std::nullopt});
  CHECK(q.recipients.size() == 2);
  CHECK(f.decisions(q)["nobody@x.edu"] == "not eligible");
  CHECK(q.ttl == 15min);
}

TEST_CASE("malformed addresses are usage errors before anything happens") {
  Fixture f;
  for (const char* bad : {"", "ada", "a@b", "a b@x.edu", "a@x.edu\r\nBcc: e@x", "a@@x.edu"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(f.plan({{bad}, "", "", Purpose::login, std::nullopt}), cs351::Error);
  }
}

TEST_CASE("send: the email carries a working link; the outbox and store never hold it") {
  Fixture f;
  const auto report = cs351::auth::execute_send(
      *f.store, f.plan({{"ada@x.edu"}, "", "", Purpose::login, 30min}), f.settings, *f.mailer);
  CHECK(report.sent == 1);
  REQUIRE(f.http->requests.size() == 1);
  const auto body = json::parse(f.http->requests[0].body);
  CHECK(body["FromEmailAddress"] == "staff@cs351.test");
  CHECK(body["Content"]["Simple"]["Subject"]["Data"] == "Your CS351 login link");
  const std::string html = body["Content"]["Simple"]["Body"]["Html"]["Data"];
  const auto token = f.token_in(0);
  CHECK(html.find("https://cs351.test/login?token=" + token) != std::string::npos);
  CHECK(html.find("30m") != std::string::npos);
  CHECK(cs351::auth::redeem_token(f.db, token, Purpose::login, f.clock).email == "ada@x.edu");

  f.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::ifstream in(f.dir / "cs351.db", std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  CHECK(bytes.find(token) == std::string::npos);
}

TEST_CASE("the email says when the link expires in the course's time zone, with the offset") {
  Fixture f;
  f.db.exec("UPDATE courses SET timezone = 'America/Indiana/Indianapolis'");
  cs351::auth::execute_send(*f.store, f.plan({{"ada@x.edu"}, "", "", Purpose::login, 30min}),
                            f.settings, *f.mailer);
  REQUIRE(f.http->requests.size() == 1);
  const std::string text =
      json::parse(f.http->requests[0].body)["Content"]["Simple"]["Body"]["Text"]["Data"];
  const auto expires = f.clock.now() + 30min;
  const auto local = cs351::format_in_zone(expires, "America/Indiana/Indianapolis");
  CHECK(local.size() == 25);  // "YYYY-MM-DD HH:MM:SS-05:00" (or -04:00 in summer)
  CHECK(text.find("expires at " + local) != std::string::npos);
  CHECK(text.find(cs351::format_utc(expires)) == std::string::npos);
}

TEST_CASE("one link per address per min_interval; a queued address is not queued twice") {
  Fixture f;
  cs351::auth::execute_send(*f.store, f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}),
                            f.settings, *f.mailer);
  CHECK(f.decisions(f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}))["ada@x.edu"] ==
        "too soon");
  f.clock.advance(60s);
  CHECK(f.decisions(f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}))["ada@x.edu"] ==
        "send");
  cs351::mail::enqueue(f.db, "b-x", {{"ada@x.edu", "magic_link", {{"person_id", 1}}}}, f.clock);
  CHECK(f.decisions(f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}))["ada@x.edu"] ==
        "already queued");
}

TEST_CASE("someone dropped between queueing and sending gets nothing") {
  Fixture f;
  const auto p = f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt});
  cs351::test::enroll(f.db, f.course, "ada@x.edu", "student", "dropped");
  const auto report = cs351::auth::execute_send(*f.store, p, f.settings, *f.mailer);
  CHECK(report.skipped == 1);
  CHECK(f.http->requests.empty());
}

TEST_CASE("staff invite: onboarding link, then login works") {
  Fixture f;
  const auto result = cs351::auth::invite_staff(
      *f.store, {"Linus@X.edu", "CS351", "reader", "Linus T"}, f.settings, *f.mailer);
  CHECK(result.delivery.sent == 1);
  const auto onboard = f.token_in(0);
  CHECK(json::parse(f.http->requests[0].body)["Content"]["Simple"]["Subject"]["Data"] ==
        "You are invited to join the CS351 staff");
  CHECK(
      f.decisions(f.plan({{"linus@x.edu"}, "", "", Purpose::login, std::nullopt}))["linus@x.edu"] ==
      "not eligible");
  CHECK(cs351::auth::redeem_token(f.db, onboard, Purpose::onboard, f.clock).name == "Linus T");
  f.clock.advance(61s);
  CHECK(f.decisions(f.plan(
            {{"linus@x.edu"}, "", "", Purpose::login, std::nullopt}))["linus@x.edu"] == "send");
  CHECK_THROWS_AS(cs351::auth::invite_staff(*f.store, {"x@x.edu", "CS351", "student", ""},
                                            f.settings, *f.mailer),
                  cs351::Error);
  CHECK_THROWS_AS(
      cs351::auth::invite_staff(*f.store, {"x@x.edu", "NOPE", "ta", ""}, f.settings, *f.mailer),
      cs351::Error);
}

TEST_CASE("templates can be overridden part by part; a bad one fails before anything is queued") {
  Fixture f;
  f.settings.templates_dir = f.dir.path().string();
  std::ofstream(f.dir / "login.subject") << "Sign in to {{course}}, {{name}}\n";
  cs351::auth::execute_send(*f.store, f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}),
                            f.settings, *f.mailer);
  const auto body = json::parse(f.http->requests.at(0).body);
  CHECK(body["Content"]["Simple"]["Subject"]["Data"] == "Sign in to CS351, Name of ada@x.edu");
  CHECK(body["Content"]["Simple"]["Body"]["Text"]["Data"].get<std::string>().find("Hello") == 0);

  std::ofstream(f.dir / "login.txt") << "{{token}}";
  f.clock.advance(2min);
  try {
    cs351::auth::execute_send(*f.store,
                              f.plan({{"ada@x.edu"}, "", "", Purpose::login, std::nullopt}),
                              f.settings, *f.mailer);
    FAIL("accepted");
  } catch (const cs351::Error& e) {
    CHECK(e.code() == cs351::ExitCode::config);
    CHECK(std::string(e.what()).find("{{token}}") != std::string::npos);
  }
  CHECK(cs351::mail::list_outbox(f.db, {}).size() == 1);
}

TEST_SUITE_END();
