#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "cs351/core/error.h"
#include "cs351/gradescope/cookie_jar.h"
#include "support.h"

using namespace cs351;
using gradescope::CookieJar;

TEST_SUITE_BEGIN("gradescope/cookie_jar");

TEST_CASE("absorbs Set-Cookie, drops expired cookies, sends one header") {
  CookieJar jar;
  HttpResponse r{200,
                 {{"set-cookie", "_gradescope_session=abc; path=/; HttpOnly"},
                  {"set-cookie", "signed_token=xyz"}},
                 ""};
  jar.absorb(r);
  CHECK(jar.header() == "_gradescope_session=abc; signed_token=xyz");
  jar.absorb(
      {200,
       {{"set-cookie", "signed_token=gone; Max-Age=0"}, {"set-cookie", "_gradescope_session=def"}},
       ""});
  CHECK(jar.header() == "_gradescope_session=def");
}

TEST_CASE("takes a browser Cookie header, with or without its name") {
  CookieJar jar;
  jar.set_from_header("Cookie: _gradescope_session=abc; other=1\n");
  CHECK(jar.header() == "_gradescope_session=abc; other=1");
  CHECK_THROWS_AS(jar.set_from_header("no cookie here"), Error);
}

TEST_CASE("the session file is private and round-trips") {
  test::ScratchDir dir;
  const auto file = gradescope::session_file(dir.path());
  CHECK_FALSE(gradescope::load_session(file).has_value());
  CookieJar jar;
  jar.set("_gradescope_session", "abc");
  gradescope::save_session(file, {"https://gs.test", "ta@example.edu", jar});
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const auto loaded = gradescope::load_session(file);
  REQUIRE(loaded.has_value());
  CHECK(loaded->base_url == "https://gs.test");
  CHECK(loaded->email == "ta@example.edu");
  CHECK(loaded->cookies.header() == "_gradescope_session=abc");
  CHECK(gradescope::remove_session(file));
  CHECK_FALSE(gradescope::remove_session(file));
}

TEST_CASE("a damaged session file is a config error") {
  test::ScratchDir dir;
  const auto file = gradescope::session_file(dir.path());
  std::ofstream(file) << "not json";
  try {
    gradescope::load_session(file);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
  }
}

TEST_SUITE_END();
