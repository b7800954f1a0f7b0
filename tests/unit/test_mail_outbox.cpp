#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "cs351/core/error.h"
#include "cs351/core/lock_file.h"
#include "cs351/mail/outbox.h"
#include "mail_test_support.h"
#include "support.h"

using cs351::test::json_response;

namespace {

// Sends "to <recipient>", or declines addresses starting with "gone".
class EchoComposer : public cs351::mail::Composer {
 public:
  int composed = 0;
  std::variant<cs351::mail::Composed, std::string> compose(
      const cs351::mail::OutboxItem& item) override {
    if (item.recipient.starts_with("gone")) return std::string("not eligible");
    ++composed;
    cs351::mail::Composed c;
    c.message.to = item.recipient;
    c.message.subject = "to " + item.recipient;
    c.message.text = "body";
    c.audit = {{"purpose", "test"}};
    return c;
  }
};

struct Fixture {
  cs351::test::ScratchDir dir;
  std::unique_ptr<cs351::store::Store> store = cs351::test::open_test_store(dir);
  cs351::ManualClock clock{cs351::test::test_epoch()};
  cs351::test::FakeHttp* http = nullptr;
  std::unique_ptr<cs351::mail::Mailer> mailer;
  EchoComposer composer;

  Fixture() {
    auto fake = std::make_unique<cs351::test::FakeHttp>();
    http = fake.get();
    mailer = cs351::test::fake_mailer(std::move(fake), clock);
  }
  void queue(const std::vector<std::string>& recipients, const std::string& batch = "b-1") {
    std::vector<cs351::mail::NewMessage> msgs;
    for (const auto& r : recipients) msgs.push_back({r, "test", {{"n", 1}}});
    cs351::mail::enqueue(store->db(), batch, msgs, clock);
  }
  cs351::mail::DeliveryReport deliver() {
    return cs351::mail::deliver_pending(store->db(), dir / "outbox.lock", composer, *mailer);
  }
  std::string status_of(const std::string& recipient) {
    for (const auto& item : cs351::mail::list_outbox(store->db(), {})) {
      if (item.recipient == recipient) return item.status;
    }
    return "";
  }
};

}  // namespace

TEST_SUITE_BEGIN("mail/outbox");

TEST_CASE("every queued message is sent once, with its MessageId recorded and an event") {
  Fixture f;
  f.http->fallback = cs351::test::accept_all();
  f.queue({"a@x.edu", "b@x.edu", "a@x.edu"});
  const auto report = f.deliver();
  CHECK(report.sent == 2);
  CHECK(f.http->requests.size() == 2);
  const auto items = cs351::mail::list_outbox(f.store->db(), {});
  REQUIRE(items.size() == 2);
  CHECK(items[0].status == "sent");
  CHECK(items[0].message_id == "m-1");
  CHECK(items[0].subject == "to a@x.edu");
  CHECK(
      f.store->db().execAndGet("SELECT count(*) FROM events WHERE action = 'mail.send'").getInt() ==
      2);
  CHECK(f.deliver().sent == 0);  // nothing left: a second run sends nothing
  CHECK(f.http->requests.size() == 2);
}

TEST_CASE("MessageRejected fails that message with SES's words and goes on") {
  Fixture f;
  f.http->script.push_back([](const cs351::HttpRequest&) {
    return json_response(400, R"({"message":"Email address is not verified. a@x.edu"})",
                         {{"x-amzn-errortype", "MessageRejected"}});
  });
  f.http->fallback = cs351::test::accept_all();
  f.queue({"a@x.edu", "b@x.edu"});
  const auto report = f.deliver();
  CHECK(report.failed == 1);
  CHECK(report.sent == 1);
  CHECK_FALSE(report.stopped);
  const auto failed =
      cs351::mail::list_outbox(f.store->db(), {std::nullopt, std::string("failed")});
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].error.find("Email address is not verified") != std::string::npos);
}

TEST_CASE("throttling is retried with backoff, then succeeds") {
  Fixture f;
  for (int i = 0; i < 2; ++i) {
    f.http->script.push_back([](const cs351::HttpRequest&) {
      return json_response(429, R"({"message":"Maximum sending rate exceeded."})",
                           {{"x-amzn-errortype", "TooManyRequestsException"}});
    });
  }
  f.http->fallback = cs351::test::accept_all();
  f.queue({"a@x.edu"});
  const auto before = f.clock.now();
  CHECK(f.deliver().sent == 1);
  CHECK(f.http->requests.size() == 3);
  CHECK(f.clock.now() >= before);  // slept through the (jittered) backoff on the manual clock
  CHECK(f.status_of("a@x.edu") == "sent");
}

TEST_CASE("retries running out leave the rest pending and stop with a temporary error") {
  Fixture f;
  f.http->fallback = [](const cs351::HttpRequest&) { return json_response(503, "unavailable"); };
  f.queue({"a@x.edu", "b@x.edu"});
  const auto report = f.deliver();
  REQUIRE(report.stopped);
  CHECK(report.stopped->code() == cs351::ExitCode::unavailable);
  CHECK(report.remaining == 2);
  CHECK(f.http->requests.size() == 5);  // max_attempts for the first message only
  CHECK(f.status_of("a@x.edu") == "pending");

  f.http->fallback = cs351::test::accept_all();  // the outage is over: flush finishes the batch
  CHECK(f.deliver().sent == 2);
  CHECK(f.status_of("b@x.edu") == "sent");
}

TEST_CASE("bad credentials stop the batch instead of failing every message") {
  Fixture f;
  f.http->fallback = [](const cs351::HttpRequest&) {
    return json_response(403, R"({"message":"The request signature we calculated does not match"})",
                         {{"x-amzn-errortype", "SignatureDoesNotMatch"}});
  };
  f.queue({"a@x.edu", "b@x.edu"});
  const auto report = f.deliver();
  REQUIRE(report.stopped);
  CHECK(report.stopped->code() == cs351::ExitCode::no_perm);
  CHECK(report.failed == 0);
  CHECK(report.remaining == 2);
  CHECK(f.http->requests.size() == 1);
}

TEST_CASE("a message left 'sending' by a crash is sent by the next delivery") {
  Fixture f;
  f.http->fallback = cs351::test::accept_all();
  f.queue({"a@x.edu", "b@x.edu"});
  f.store->db().exec("UPDATE mail_outbox SET status = 'sending' WHERE recipient = 'a@x.edu'");
  CHECK(f.deliver().sent == 2);
}

TEST_CASE("a declined message is skipped with its reason; nothing is sent to it") {
  Fixture f;
  f.http->fallback = cs351::test::accept_all();
  f.queue({"gone@x.edu", "b@x.edu"});
  const auto report = f.deliver();
  CHECK(report.skipped == 1);
  CHECK(report.sent == 1);
  CHECK(f.http->requests.size() == 1);
  CHECK(f.status_of("gone@x.edu") == "failed");
}

TEST_CASE("a second delivery while one holds the lock exits 75") {
  Fixture f;
  f.queue({"a@x.edu"});
  cs351::LockFile held(f.dir / "outbox.lock", "test");
  try {
    f.deliver();
    FAIL("ran concurrently");
  } catch (const cs351::Error& e) {
    CHECK(e.code() == cs351::ExitCode::temporary);
  }
}

TEST_CASE("the log filters by status and time") {
  Fixture f;
  f.queue({"a@x.edu"}, "b-1");
  f.clock.advance(std::chrono::hours(1));
  f.queue({"b@x.edu"}, "b-2");
  CHECK(cs351::mail::list_outbox(f.store->db(), {f.clock.now(), std::nullopt}).size() == 1);
  CHECK(cs351::mail::list_outbox(f.store->db(), {std::nullopt, std::string("sent")}).empty());
}

TEST_SUITE_END();
