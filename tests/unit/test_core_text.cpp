#include <doctest/doctest.h>

#include <sstream>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

TEST_SUITE_BEGIN("core/text");

TEST_CASE("invalid_utf8_at accepts well-formed UTF-8 only") {
  using cs351::invalid_utf8_at;
  CHECK_FALSE(invalid_utf8_at("plain ascii"));
  CHECK_FALSE(invalid_utf8_at("caf\xc3\xa9 \xe5\xb1\xb1 \xf0\x9f\x98\x80"));  // é 山 😀
  CHECK_FALSE(invalid_utf8_at("\xed\x9f\xbf \xee\x80\x80"));                  // U+D7FF U+E000
  CHECK_FALSE(invalid_utf8_at("\xf4\x8f\xbf\xbf"));                           // U+10FFFF
  CHECK(invalid_utf8_at("caf\xe9") == 3u);                                    // Latin-1
  CHECK(invalid_utf8_at("a\xed\xa0\x80") == 1u);                              // U+D800, a surrogate
  CHECK(invalid_utf8_at("a\xed\xbf\xbf") == 1u);                              // U+DFFF
  CHECK(invalid_utf8_at("\xf4\x90\x80\x80") == 0u);                           // U+110000
  CHECK(invalid_utf8_at("\xf5\x80\x80\x80") == 0u);
  CHECK(invalid_utf8_at("\xc0\xaf") == 0u);          // overlong '/'
  CHECK(invalid_utf8_at("\xe0\x80\xaf") == 0u);      // overlong '/'
  CHECK(invalid_utf8_at("\xf0\x80\x80\xaf") == 0u);  // overlong '/'
  CHECK(invalid_utf8_at("ab\xe5\xb1") == 2u);        // cut short
}

TEST_CASE("edit_distance counts single-byte insertions, deletions and substitutions") {
  using cs351::edit_distance;
  CHECK(edit_distance("roster", "roster") == 0);
  CHECK(edit_distance("rostr", "roster") == 1);
  CHECK(edit_distance("roster", "rostr") == 1);
  CHECK(edit_distance("--corse", "--course") == 1);
  CHECK(edit_distance("lsit", "list") == 2);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("read_bounded_line stops at the first newline and refuses a longer line") {
  using cs351::read_bounded_line;
  std::istringstream two("abc\nrest of the input\n");
  CHECK(read_bounded_line(two, 8, "token") == "abc");
  CHECK(two.peek() == 'r');
  std::istringstream exact("12345678");
  CHECK(read_bounded_line(exact, 8, "token") == "12345678");
  std::istringstream too_long("123456789\n");
  CHECK_THROWS_WITH_AS(read_bounded_line(too_long, 8, "token"), "token: longer than 8 bytes",
                       cs351::Error);
}

TEST_SUITE_END();
