#include <doctest/doctest.h>

#include "cs351/core/error.h"
#include "cs351/mail/template.h"

using cs351::mail::MessageTemplate;

TEST_SUITE_BEGIN("mail/template");

TEST_CASE("placeholders are filled; values are escaped in HTML only") {
  const MessageTemplate t{"Hi {{ name }}", "Hello {{name}}: {{link}}",
                          "<p>{{name}}</p><a href=\"{{link}}\">go</a>"};
  const auto out =
      cs351::mail::render(t, {{"name", "O'Brien <ob@x>"}, {"link", "https://x/?a=1&b=2"}});
  CHECK(out.subject == "Hi O'Brien <ob@x>");
  CHECK(out.text == "Hello O'Brien <ob@x>: https://x/?a=1&b=2");
  CHECK(out.html == "<p>O&#39;Brien &lt;ob@x&gt;</p><a href=\"https://x/?a=1&amp;b=2\">go</a>");
}

TEST_CASE("unknown placeholders, unterminated braces and multi-line subjects are config errors") {
  const std::vector<std::string> known{"name", "link"};
  auto code_of = [&](const MessageTemplate& t) {
    try {
      cs351::mail::check_template(t, known, "login.*");
      return cs351::ExitCode::ok;
    } catch (const cs351::Error& e) {
      CHECK(std::string(e.what()).starts_with("login.*: "));
      return e.code();
    }
  };
  CHECK(code_of({"ok {{name}}", "{{link}}", ""}) == cs351::ExitCode::ok);
  CHECK(code_of({"s", "{{token}}", ""}) == cs351::ExitCode::config);
  CHECK(code_of({"s", "", "<p>{{name</p>"}) == cs351::ExitCode::config);
  CHECK(code_of({"a\r\nBcc: evil@x", "", ""}) == cs351::ExitCode::config);
}

TEST_CASE("placeholders lists each name once, in order") {
  CHECK(cs351::mail::placeholders("{{b}} {{a}} {{b}}") == std::vector<std::string>{"b", "a"});
}

TEST_SUITE_END();
