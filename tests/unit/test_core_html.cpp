#include <doctest/doctest.h>

#include "cs351/core/html.h"

TEST_SUITE_BEGIN("core/html");

TEST_CASE("every character with meaning in HTML is escaped, the rest kept") {
  CHECK(cs351::html_escape(R"(<script>alert("x&y")</script>)") ==
        "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;");
  CHECK(cs351::html_escape("O'Brien") == "O&#39;Brien");
  CHECK(cs351::html_escape("Zoë 李") == "Zoë 李");
  CHECK(cs351::html_escape("") == "");
}

TEST_SUITE_END();
