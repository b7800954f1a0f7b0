#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cs351/usage/json_check.h"
#include "cs351/usage/json_fields.h"
#include "cs351/usage/json_view.h"
#include "support.h"

using cs351::usage::JsonView;
using nlohmann::json;

namespace {

// The view must read every value as nlohmann's tree holds it: the same kind,
// string, number conversions, members (the last of duplicate keys) and elements.
void same(const json& j, const JsonView& v) {
  CHECK(v.is_object() == j.is_object());
  CHECK(v.is_array() == j.is_array());
  CHECK(v.is_string() == j.is_string());
  CHECK(v.is_number() == j.is_number());
  CHECK(v.is_true() == (j.is_boolean() && j.get<bool>()));
  if (j.is_string()) CHECK(v.string() == j.get<std::string>());
  if (j.is_number()) {
    CHECK(v.number() == j.get<double>());
    const auto n =
        j.is_number_float() ? JsonView::saturate(j.get<double>()) : j.get<std::int64_t>();
    CHECK(v.integer() == n);
  }
  if (j.is_object()) {
    for (const auto& item : j.items()) {
      const std::string key = item.key();
      INFO("key: " << key);
      const auto member = v[key];
      REQUIRE(member);
      same(item.value(), member);
    }
    CHECK_FALSE(v["no such key"]);
  }
  if (j.is_array()) {
    const auto elements = v.elements();
    REQUIRE(elements.size() == j.size());
    for (std::size_t i = 0; i < elements.size(); ++i) same(j[i], elements[i]);
  }
}

void agrees(const std::string& text) {
  INFO("text: " << text);
  REQUIRE(cs351::usage::is_json(text));
  same(json::parse(text), JsonView(text));
}

}  // namespace

TEST_CASE("a JSON view reads values exactly as nlohmann parses them") {
  const std::vector<std::string> cases{
      R"({"a":1,"b":"x","c":[1,2,{"d":null}],"e":{},"f":[],"g":true,"h":false})",
      R"({"a":1,"a":2,"a":{"b":3}})",                         // the last duplicate wins
      R"({"t\u0079pe":"assistant","k\"ey":"v","sl\\":"w"})",  // escaped keys
      "{\"s\":\"a\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\\ud83d\\ude00 caf\xC3\xA9\"}",
      R"({"s":"ends with a backslash \\","t":"\\\"q\\\""})",
      R"({"n":[0,-0,12,-12,1.5,-1.5,1e3,1E-2,2.5e+2,-0.0,18446744073709551615,9223372036854775807,-9223372036854775808,9223372036854775808,123456789012345678901234567890,-123456789012345678901]})",
      R"({"input_tokens":12.9,"output_tokens":-4,"cache_read_input_tokens":"7"})",
      " \t{ \"a\" : [ 1 , { \"b\" : \"c\" } ] , \"d\" : \"e\" } \r\n",
      "\xEF\xBB\xBF{\"bom\":1}",
      std::string("{\"nul\":1}\0trailing", 18),
      R"(["a",["b",["c"]],{"d":"]}"}])",
      R"("just a string")",
      "42"};
  for (const auto& c : cases) agrees(c);
}

TEST_CASE("the forgiving accessors read like json_fields.h's over a tree") {
  const std::string text =
      R"({"s":"x","i":5,"f":7.9,"neg":-3,"t":true,"fl":false,"str_num":"5","o":{"k":1}})";
  const auto j = json::parse(text);
  const JsonView v(text);
  for (const auto* key : {"s", "i", "f", "neg", "t", "fl", "str_num", "o", "missing"}) {
    INFO("key: " << key);
    CHECK(cs351::usage::text_field(v, key) == cs351::usage::text_field(j, key));
    CHECK(cs351::usage::int_field(v, key) == cs351::usage::int_field(j, key));
    CHECK(cs351::usage::bool_field(v, key) == cs351::usage::bool_field(j, key));
  }
  CHECK_FALSE(cs351::usage::field(JsonView("[1]"), "a"));
  CHECK_FALSE(JsonView("{}")["a"]["b"]);
}

TEST_CASE("a JSON view agrees with nlohmann on every line of the Claude Code fixtures") {
  int lines = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(cs351::test::fixture_path("usage/claude"))) {
    if (e.path().extension() != ".jsonl") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (!cs351::usage::is_json(line)) continue;
      ++lines;
      same(json::parse(line), JsonView(line));
    }
  }
  CHECK(lines > 1000);
}
