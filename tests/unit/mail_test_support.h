#pragma once
// Helpers for the mail and auth unit tests (header-only): SES answers for the shared
// FakeHttp, a sleeper that moves a ManualClock, a Mailer over the fake, and a small
// roster made through roster's own API.

#include <SQLiteCpp/Database.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/mail/mailer.h"
#include "cs351/roster/course.h"
#include "cs351/roster/people.h"
#include "cs351/roster/roster_import.h"
#include "fake_http.h"

namespace cs351::test {

// 200 {"MessageId": "m-<n>"} with n counting up.
inline std::function<HttpResponse(const HttpRequest&)> accept_all();

// A sleeper that advances `clock` instead of waiting, and records each sleep.
inline Sleeper advancing(ManualClock& clock,
                         std::vector<std::chrono::milliseconds>* sleeps = nullptr);

// A Mailer over `http` (the fake) with test credentials and no rate limit.
inline std::unique_ptr<mail::Mailer> fake_mailer(std::unique_ptr<FakeHttp> http, ManualClock& clock,
                                                 double rate = 0);

// 2026-01-15T17:00:00Z.
inline TimePoint test_epoch();

// Adds a course (active or not) and returns its id.
inline std::int64_t add_test_course(SQLite::Database& db, const std::string& code,
                                    bool active = true);
// Adds the person when new and enrolls them; returns the person id.
inline std::int64_t enroll(SQLite::Database& db, std::int64_t course_id, const std::string& email,
                           const std::string& role, const std::string& status = "enrolled");

// Definitions (inline: this header is included by several test files).

inline std::function<HttpResponse(const HttpRequest&)> accept_all() {
  auto counter = std::make_shared<int>(0);
  return [counter](const HttpRequest&) {
    return json_response(200, R"({"MessageId":"m-)" + std::to_string(++*counter) + R"("})");
  };
}

inline Sleeper advancing(ManualClock& clock, std::vector<std::chrono::milliseconds>* sleeps) {
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
  roster::add_course(db, {code, {}, {}, {}});
  if (!active) roster::set_course_active(db, code, false);
  return roster::require_course(db, code).id;
}

inline std::int64_t enroll(SQLite::Database& db, std::int64_t course_id, const std::string& email,
                           const std::string& role, const std::string& status) {
  for (const auto& course : roster::list_courses(db)) {
    if (course.id != course_id) continue;
    roster::RosterRow row;
    row.line = 1;
    row.email = email;
    row.name = "Name of " + email;
    row.role = role;
    row.status = status;
    roster::ImportOptions options;
    options.default_role = role;
    options.source = "unit test";
    roster::apply_roster(db, course, {row}, options);
  }
  return roster::find_person_id(db, email).value();
}

}  // namespace cs351::test
