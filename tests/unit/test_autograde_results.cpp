#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cs351/autograde/results.h"
#include "cs351/core/error.h"

using namespace cs351;
using namespace cs351::autograde;

TEST_SUITE_BEGIN("autograde/results");

TEST_CASE("accepts Gradescope's documented shape and takes the top-level score") {
  const auto r = validate_results(R"({
    "score": 44.0, "execution_time": 136, "output": "Text", "output_format": "md",
    "visibility": "after_due_date", "stdout_visibility": "visible", "extra_data": {"x": [1]},
    "tests": [{"score": 2.0, "max_score": 2.0, "status": "passed", "name": "Your name", "number": "1.1",
               "output": "Giant multiline string", "tags": ["tag1"], "visibility": "visible"}],
    "leaderboard": [{"name": "Accuracy", "value": 0.926}, {"name": "Time", "value": 15, "order": "asc"},
                    {"name": "Stars", "value": "*"}],
    "future_field": true})");
  CHECK(r.score == 44.0);
  CHECK(nlohmann::json::parse(r.json)["tests"][0]["number"] == "1.1");
}

TEST_CASE("without a top-level score the tests' scores add up") {
  CHECK(validate_results(R"({"tests": [{"score": 2.5}, {"score": 1}, {"name": "no score"}]})")
            .score == 3.5);
  CHECK(validate_results(R"({"tests": []})").score == 0);
}

TEST_CASE("refuses invalid results with a message that says where") {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not valid JSON"},
      {"{\"score\": 1", "not valid JSON"},
      {"[1, 2]", "must be a JSON object"},
      {"{}", "neither"},
      {R"({"score": "100"})", "score must be a number"},
      {R"({"score": 1, "tests": {}})", "tests must be an array"},
      {R"({"tests": [{"status": "ok"}]})", "tests[0].status must be one of passed, failed"},
      {R"({"tests": [{"score": 1}, "x"]})", "tests[1] must be an object"},
      {R"({"tests": [{"tags": ["a", 1]}]})", "tests[0].tags must be an array of strings"},
      {R"({"score": 1, "visibility": "public"})", "visibility must be one of"},
      {R"({"score": 1, "output_format": "pdf"})", "output_format must be one of"},
      {R"({"score": 1, "leaderboard": [{"value": 1}]})", "leaderboard[0] must be an object"},
      {R"({"score": 1e999})", ""},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    try {
      validate_results(text);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::data);
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
  }
}

TEST_CASE("refuses oversized results") {
  const std::string huge =
      R"({"score": 1, "output": ")" + std::string(k_max_results_bytes, 'x') + "\"}";
  CHECK_THROWS_WITH_AS(validate_results(huge), doctest::Contains("byte limit"), Error);
}

TEST_CASE("a failure result is itself valid, scores 0 and explains") {
  const auto r = validate_results(failure_results("timed out after 20m"));
  CHECK(r.score == 0);
  CHECK(nlohmann::json::parse(r.json)["output"].get<std::string>().find("timed out after 20m") !=
        std::string::npos);
}

TEST_SUITE_END();
