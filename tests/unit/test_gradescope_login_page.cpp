#include <doctest/doctest.h>

#include "cs351/gradescope/pages/login_page.h"
#include "cs351/gradescope/pages/page_error.h"
#include "support.h"

using namespace cs351::gradescope;
using cs351::test::read_fixture;

TEST_SUITE_BEGIN("gradescope/login_page");

TEST_CASE("takes the token from the login form, else from the csrf meta tag") {
  CHECK(parse_login_token(read_fixture("gradescope/login.html")) == "FAKE_LOGIN_TOKEN_123");
  CHECK(parse_login_token(R"(<meta name="csrf-token" content="META">)") == "META");
  CHECK_THROWS_WITH_AS(parse_login_token("<html></html>"),
                       doctest::Contains("input[name=\"authenticity_token\"]"), PageStructureError);
}

TEST_CASE("recognises a page served to a logged-out visitor") {
  CHECK(is_logged_out_page(read_fixture("gradescope/login.html")));
  CHECK_FALSE(is_logged_out_page(read_fixture("gradescope/account_student_2025-11.html")));
  CHECK_FALSE(is_logged_out_page(read_fixture("gradescope/assignments_single_quoted.html")));
}

TEST_CASE("recognises the throttling page") {
  CHECK(mentions_throttling("<p>Too many login attempts. Try again later.</p>"));
  CHECK_FALSE(mentions_throttling(read_fixture("gradescope/login.html")));
}

TEST_SUITE_END();
