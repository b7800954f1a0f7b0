#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <string>
#include <vector>

#include "cs351/usage/json_check.h"
#include "support.h"

using cs351::usage::is_json;

using namespace std::string_literals;

namespace {

// is_json must agree with nlohmann::json::accept, which it replaces on bulk lines.
void agrees(const std::string& text) {
  INFO("text: " << text);
  CHECK(is_json(text) == nlohmann::json::accept(text));
}

// Every line of the real Claude Code 2.1 session (progress lines, sub-agent copies).
std::vector<std::string> spotter_lines() {
  std::ifstream in(cs351::test::fixture_path(
      "usage/claude/spotter/projects/-home-marco-projects-spotter-worktrees-spotter-gqc/"
      "258c7280-ae70-4798-800f-63464d01a85d.jsonl"));
  REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("is_json accepts and rejects exactly what nlohmann accepts") {
  const std::vector<std::string> cases{"",
                                       " ",
                                       "{}",
                                       "[]",
                                       "{ }",
                                       "[ ]",
                                       "{\"a\":1}",
                                       "{\"a\":1,}",
                                       "[1,]",
                                       "[,1]",
                                       "{,}",
                                       "{\"a\" : [1, 2.5, -0, -0.0e+5, 1E3, true, false, null]}",
                                       "{\"a\"}",
                                       "{1:2}",
                                       "[1 2]",
                                       "01",
                                       "-",
                                       "-01",
                                       "1.",
                                       ".5",
                                       "1e",
                                       "1e+",
                                       "+1",
                                       "1e999",
                                       "-1e999",
                                       "1e-999",
                                       "123456789012345678901234567890",
                                       std::string(400, '9'),
                                       "tru",
                                       "truex",
                                       "nul",
                                       "true false",
                                       "\"a\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
                                       "\"\\x\"",
                                       "\"\\u12\"",
                                       "\"\\u12G4\"",
                                       "\"\\ud83d\\ude00\"",
                                       "\"\\ud83d\"",
                                       "\"\\ude00\"",
                                       "\"\\ud83d\\u0041\"",
                                       "\"\\ud83dx\"",
                                       "\"caf\xC3\xA9\"",
                                       "\"\xC3\"",
                                       "\"\xC0\x80\"",
                                       "\"\xED\xA0\x80\"",
                                       "\"\xE0\x80\x80\"",
                                       "\"\xF0\x9F\x98\x80\"",
                                       "\"\xE1\x80\x80\"",
                                       "\"\xEE\x80\x80\"",
                                       "\"\xED\x9F\xBF\"",
                                       "\"\xF1\x80\x80\x80\"",
                                       "\"\xF0\x8F\xBF\xBF\"",
                                       "\"\xE2\x82\"",
                                       "\"\xC2\x7F\"",
                                       "\"\xF4\x90\x80\x80\"",
                                       "\"\xF5\x80\x80\x80\"",
                                       "\"\xFF\"",
                                       "\"tab\there\"",
                                       std::string("\"nul\0\"", 6),
                                       std::string("[1]\0", 4),
                                       std::string("[1]\0x", 5),
                                       std::string("[1,\0]", 5),
                                       "\"open",
                                       "\xEF\xBB\xBF{}",
                                       "\xEF\xBB{}",
                                       "{}\xEF\xBB\xBF",
                                       " \t\r\n[1]\n ",
                                       "[1]]",
                                       "[[1]",
                                       "{\"a\":}",
                                       "{\"a\":1 \"b\":2}",
                                       "[\"a\":1]",
                                       "{\"a\":{\"b\":[{}]}}",
                                       "NaN",
                                       "[-]",
                                       "[1.0e]"};
  for (const auto& c : cases) agrees(c);
}

TEST_CASE("is_json checks any nesting depth without recursion") {
  const auto deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(is_json(deep));
  CHECK_FALSE(is_json(std::string(200000, '[') + std::string(199999, ']')));
  CHECK(is_json(std::string(100000, '[') + "{\"a\":" + std::string(5, '[') + std::string(5, ']') +
                "}" + std::string(100000, ']')));
}

TEST_CASE("is_json agrees with nlohmann on every real transcript line, whole and cut short") {
  const auto lines = spotter_lines();
  for (const auto& line : lines) {
    agrees(line);
    agrees(line.substr(0, line.size() / 2));
    agrees(line.substr(0, line.size() - 1));
  }
  CHECK(lines.size() > 100);
}

namespace {

// Where is_json's needles were found must be where a substring search finds them.
void finds_like_a_search(const std::string& text) {
  std::array needles{cs351::usage::Needle("\"usage\""),
                     cs351::usage::Needle("\"type\":\"progress\""),
                     cs351::usage::Needle("\"timestamp\":\"")};
  if (!cs351::usage::is_json(text, needles)) return;
  for (const auto& n : needles) {
    INFO("needle: " << n.text << " in " << text);
    CHECK(n.first == text.find(n.text));
    CHECK(n.last == text.rfind(n.text));
  }
}

}  // namespace

TEST_CASE("is_json finds its needles where a substring search does") {
  for (const std::string& text : std::vector<std::string>{
           "{\"usage\":1}", "{\"a\":\"usage\"}", "{\"a\":\"say \\\"usage\"}",
           "{\"a\":\"\\\\\",\"usage\":2}", "{\"a\":\"\\\"usage\\\"\"}",
           "[\"usage \", \" usage\", \"usages\"]", "{\"type\":\"progress\",\"type\" :\"progress\"}",
           "{\"x\":{\"type\":\"progressive\"}}",
           "{\"timestamp\":\"1\",\"t\":{\"timestamp\":\"2\"},\"timestamp\": \"3\"}",
           "{\"a\":1}\0\"usage\" \"timestamp\":\""s, "\"usage\"", "\"type\":\"progress\""}) {
    finds_like_a_search(text);
  }
  for (const auto& line : spotter_lines()) finds_like_a_search(line);
}
