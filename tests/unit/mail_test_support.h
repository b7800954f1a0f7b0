#pragma once
// Header-only (the unit-test target compiles test_*.cpp only). Fakes for the mail and auth unit
// tests: an HttpClient that answers from a script and remembers requests, a sleeper that moves a
// ManualClock, and a small roster written straight into the store.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/http_client.h"
#include "cs351/mail/mailer.h"

namespace cs351::test {

class FakeHttp : public HttpClient {
 public:
  // Answers to give in order; when they run out, `fallback` answers.
  std::deque<std::function<HttpResponse(const HttpRequest&)>> script;
  std::function<HttpResponse(const HttpRequest&)> fallback;
  std::vector<HttpRequest> requests;

  HttpResponse send(const HttpRequest& request) override;
};

inline HttpResponse json_response(long status, const std::string& body,
                                  const HttpHeaders& headers = {});
// 200 {"MessageId": "m-<n>"} with n counting up.
inline std::function<HttpResponse(const HttpRequest&)> accept_all();

// A sleeper that advances `clock` instead of waiting, and records each sleep.
inline mail::Sleeper advancing(ManualClock& clock,
                               std::vector<std::chrono::milliseconds>* sleeps = nullptr);

// A Mailer over `http` (the fake) with test credentials and no rate limit.
inline std::unique_ptr<mail::Mailer> fake_mailer(std::unique_ptr<FakeHttp> http, ManualClock& clock,
                                                 double rate = 0);

// 2026-01-15T17:00:00Z.
inline TimePoint test_epoch();

// Inserts a course (active or not) and returns its id.
inline std::int64_t add_test_course(SQLite::Database& db, const std::string& code,
                                    bool active = true);
// Inserts the person when new and enrolls them; returns the person id.
inline std::int64_t enroll(SQLite::Database& db, std::int64_t course_id, const std::string& email,
                           const std::string& role, const std::string& status = "enrolled");

// Definitions (inline: this header is included by several test files).

inline HttpResponse FakeHttp::send(const HttpRequest& request) {
  requests.push_back(request);
  if (!script.empty()) {
    auto next = std::move(script.front());
    script.pop_front();
    return next(request);
  }
  if (fallback) return fallback(request);
  return json_response(500, R"({"message":"no scripted answer"})");
}

inline HttpResponse json_response(long status, const std::string& body,
                                  const HttpHeaders& headers) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = headers;
  r.headers.emplace_back("content-type", "application/json");
  return r;
}

inline std::function<HttpResponse(const HttpRequest&)> accept_all() {
  auto counter = std::make_shared<int>(0);
  return [counter](const HttpRequest&) {
    return json_response(200, R"({"MessageId":"m-)" + std::to_string(++*counter) + R"("})");
  };
}

inline mail::Sleeper advancing(ManualClock& clock, std::vector<std::chrono::milliseconds>* sleeps) {
  return [&clock, sleeps](std::chrono::milliseconds d) {
    if (sleeps != nullptr) sleeps->push_back(d);
    clock.advance(d);
  };
}

inline std::unique_ptr<mail::Mailer> fake_mailer(std::unique_ptr<FakeHttp> http, ManualClock& clock,
                                                 double rate) {
  mail::MailSetup setup;
  setup.ses = {"https://email.us-east-1.amazonaws.com", "us-east-1", {"AKIDTEST", "secret", ""}};
  setup.from = "staff@cs351.test";
  setup.max_send_rate = rate;
  return std::make_unique<mail::Mailer>(std::move(setup), std::move(http), clock, advancing(clock));
}

inline TimePoint test_epoch() {
  return TimePoint(std::chrono::milliseconds(1768496400000));
}

inline std::int64_t add_test_course(SQLite::Database& db, const std::string& code, bool active) {
  SQLite::Statement q(
      db, "INSERT INTO courses(code, active, created_at, updated_at) VALUES (?, ?, 't', 't')");
  q.bind(1, code);
  q.bind(2, active ? 1 : 0);
  q.exec();
  return db.getLastInsertRowid();
}

inline std::int64_t enroll(SQLite::Database& db, std::int64_t course_id, const std::string& email,
                           const std::string& role, const std::string& status) {
  SQLite::Statement p(
      db,
      "INSERT INTO people(email, name, created_at, updated_at) VALUES (?, ?, 't', 't') "
      "ON CONFLICT (email) DO NOTHING");
  p.bind(1, email);
  p.bind(2, "Name of " + email);
  p.exec();
  SQLite::Statement id(db, "SELECT id FROM people WHERE email = ?");
  id.bind(1, email);
  id.executeStep();
  const auto person = id.getColumn(0).getInt64();
  SQLite::Statement e(db,
                      "INSERT INTO enrollments(course_id, person_id, role, status, created_at, "
                      "updated_at) VALUES (?, ?, ?, ?, 't', 't')");
  e.bind(1, course_id);
  e.bind(2, person);
  e.bind(3, role);
  e.bind(4, status);
  e.exec();
  return person;
}

}  // namespace cs351::test
