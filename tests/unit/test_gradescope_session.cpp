#include <doctest/doctest.h>

#include <map>

#include "cs351/core/error.h"
#include "cs351/gradescope/session.h"
#include "fake_http.h"
#include "support.h"

using namespace cs351;
using namespace std::chrono_literals;
using gradescope::Session;
using gradescope::SessionOptions;

namespace {

HttpResponse page(long status, std::string body = "", HttpHeaders headers = {}) {
  return {status, std::move(headers), std::move(body)};
}
HttpResponse redirect(const std::string& to, HttpHeaders more = {}) {
  more.emplace_back("location", to);
  return page(302, "", more);
}

const std::string k_login_form =
    R"(<form action="/login"><input name="authenticity_token" value="tok+en/="></form>)";

struct Fixture {
  test::FakeHttp http;
  ManualClock clock{TimePoint(1'000'000ms)};
  std::vector<std::chrono::milliseconds> sleeps;
  Session session{http, SessionOptions{"https://gs.test", 1000ms, 5000ms, 3, 60'000ms}, clock,
                  [this](std::chrono::milliseconds d) {
                    sleeps.push_back(d);
                    clock.advance(d);
                  }};

  void script_login(HttpResponse answer) {
    http.routes["GET /login"] = {
        page(200, k_login_form, {{"set-cookie", "_gradescope_session=anon; path=/"}})};
    http.routes["POST /login"] = {std::move(answer)};
  }
};

std::optional<std::string> header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

ExitCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ExitCode::ok;
}

}  // namespace

TEST_SUITE_BEGIN("gradescope/session");

TEST_CASE("login posts the form-encoded fields and keeps the new session cookie") {
  Fixture f;
  f.script_login(redirect("https://gs.test/account",
                          {{"set-cookie", "_gradescope_session=s1; path=/; HttpOnly"}}));
  f.session.login("ta@example.edu", "p&ss w=rd");
  REQUIRE(f.http.requests.size() == 2);
  const auto& post = f.http.requests[1];
  CHECK(post.method == "POST");
  CHECK(post.url == "https://gs.test/login");
  CHECK(header(post, "Cookie") == "_gradescope_session=anon");
  CHECK(header(post, "Content-Type") == "application/x-www-form-urlencoded");
  CHECK(post.body.find("session%5Bpassword%5D=p%26ss%20w%3Drd") != std::string::npos);
  CHECK(post.body.find("authenticity_token=tok%2Ben%2F%3D") != std::string::npos);
  CHECK(post.body.find("utf8=%E2%9C%93") != std::string::npos);
  for (const auto& r : f.http.requests) CHECK(r.url.find("p%26ss") == std::string::npos);
  CHECK(f.session.cookies().header() == "_gradescope_session=s1");
}

TEST_CASE("login failures are told apart by exit code") {
  const std::vector<std::pair<HttpResponse, ExitCode>> cases{
      {redirect("/login"), ExitCode::no_perm},
      {page(200, k_login_form), ExitCode::no_perm},
      {page(429, "", {{"retry-after", "30"}}), ExitCode::temporary},
      {page(200, "<p>Too many login attempts</p>"), ExitCode::temporary},
      {page(422), ExitCode::data},
      {redirect("/terms"), ExitCode::failure},
      {page(502), ExitCode::unavailable},
  };
  for (const auto& [answer, code] : cases) {
    const int status = answer.status;  // clang 14 cannot capture a structured binding
    CAPTURE(status);
    Fixture f;
    f.script_login(answer);
    CHECK(code_of([&] { f.session.login("a@b.c", "pw"); }) == code);
    CHECK(f.http.requests.size() == 2);  // the POST is never retried
  }
}

TEST_CASE("requests are paced by min_interval") {
  Fixture f;
  f.session.cookies().set("_gradescope_session", "s");
  f.http.routes["GET /account"] = {page(200, "ok")};
  f.session.get("/account");
  f.clock.advance(300ms);
  f.session.get("/account");
  REQUIRE(f.sleeps.size() == 1);
  CHECK(f.sleeps[0] == 700ms);
  CHECK(header(f.http.requests[1], "Cookie") == "_gradescope_session=s");
}

TEST_CASE("429 and 5xx are retried with backoff, honouring Retry-After, then given up") {
  Fixture f;
  f.http.routes["GET /x"] = {page(503), page(429, "", {{"retry-after", "7"}}), page(200, "done")};
  CHECK(f.session.get("/x").body == "done");
  // Pacing sleeps are zero here because the backoff already spaced the requests.
  CHECK(std::count(f.sleeps.begin(), f.sleeps.end(), 1000ms) == 1);
  CHECK(std::count(f.sleeps.begin(), f.sleeps.end(), 7000ms) == 1);

  Fixture g;
  g.http.routes["GET /x"] = {page(503)};
  CHECK(code_of([&] { g.session.get("/x"); }) == ExitCode::unavailable);
  CHECK(g.http.requests.size() == 3);
  Fixture h;
  h.http.routes["GET /x"] = {page(429)};
  CHECK(code_of([&] { h.session.get("/x"); }) == ExitCode::temporary);
}

TEST_CASE("an expired session is renewed once when a password source exists") {
  Fixture f;
  f.script_login(redirect("/account", {{"set-cookie", "_gradescope_session=new"}}));
  f.http.routes["GET /courses/1/assignments"] = {redirect("https://gs.test/login"),
                                                 page(200, "table")};
  int asked = 0;
  f.session.enable_relogin("ta@example.edu", [&] {
    ++asked;
    return std::optional<std::string>("pw");
  });
  CHECK(f.session.get("/courses/1/assignments").body == "table");
  CHECK(asked == 1);
  CHECK(header(f.http.requests.back(), "Cookie") == "_gradescope_session=new");
}

TEST_CASE("an expired session without a password source, or expiring again, is exit 77") {
  Fixture f;
  f.http.routes["GET /a"] = {page(200, k_login_form)};
  CHECK(code_of([&] { f.session.get("/a"); }) == ExitCode::no_perm);

  Fixture g;
  g.script_login(redirect("/account"));
  g.http.routes["GET /a"] = {page(401)};
  g.session.enable_relogin("ta@example.edu", [] { return std::optional<std::string>("pw"); });
  CHECK(code_of([&] { g.session.get("/a"); }) == ExitCode::no_perm);
}

TEST_CASE("a 401 \"not authorized\" is no expired session: no re-login, a clear 77") {
  Fixture f;
  f.http.routes["GET /courses/5/assignments"] = {
      page(401, R"("You are not authorized to access this page.")")};
  int asked = 0;
  f.session.enable_relogin("ta@example.edu", [&] {
    ++asked;
    return std::optional<std::string>("pw");
  });
  CHECK_THROWS_WITH(f.session.get("/courses/5/assignments"),
                    doctest::Contains("is it staff in that course?"));
  CHECK(asked == 0);
  CHECK(f.http.requests.size() == 1);
}

TEST_CASE("other statuses name the path") {
  Fixture f;
  f.http.routes["GET /courses/9"] = {page(404)};
  CHECK_THROWS_WITH(f.session.get("/courses/9"),
                    doctest::Contains("Gradescope has no /courses/9 (HTTP 404"));
}

TEST_SUITE_END();
