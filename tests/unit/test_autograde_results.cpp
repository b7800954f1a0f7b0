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

TEST_CASE("tests whose scores add up to infinity refuse the results") {
  CHECK_THROWS_WITH_AS(validate_results(R"({"tests": [{"score": 1e308}, {"score": 1e308}]})"),
                       doctest::Contains("not finite"), Error);
}

TEST_CASE("refuses invalid results with a message that says where") {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not valid JSON"},
      {"{\"score\": 1", "not valid JSON"},
      {"[1, 2]", "must be a JSON object"},
      {"{}", "neither"},
      {R"({"score": "ten"})", "score must be a number, not \"ten\""},
      {R"({"score": ""})", "score must be a number"},
      {R"({"score": "NaN"})", "score must be a number"},
      {R"({"score": "1e999"})", "score must be a number"},
      {R"({"score": " 5"})", "score must be a number"},
      {R"({"score": "5/10"})", "score must be a number"},
      {R"({"score": true})", "score must be a number, not true"},
      {R"({"tests": [{"max_score": "two"}]})", "tests[0].max_score must be a number"},
      {R"({"score": 1, "execution_time": "fast"})", "execution_time must be a number"},
      {R"({"score": 1, "output": 5})", "output must be a string, not 5"},
      {R"({"score": 1, "output": ["a"]})", "output must be a string"},
      {R"({"score": 1, "test_name_format": "rich"})", "test_name_format must be one of"},
      {R"({"score": 1, "test_output_format": "pdf"})", "test_output_format must be one of"},
      {R"({"tests": [{"name_format": "bold"}]})", "tests[0].name_format must be one of"},
      {R"({"tests": [{"number": true}]})", "tests[0].number must be a string or a number"},
      {R"({"tests": [{"score": 1, "output": {"a": 1}}]})", "tests[0].output must be a string"},
      {"5", "must be a JSON object, not number"},
      {"null", "must be a JSON object, not null"},
      {R"("score")", "must be a JSON object, not string"},
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
    const auto& input = text;  // clang 14 cannot capture a structured binding
    CAPTURE(input);
    try {
      validate_results(text);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::data);
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
  }
}

TEST_CASE("null means absent for every optional field; extra_data passes untouched") {
  const auto r = validate_results(R"({
    "score": null, "execution_time": null, "output": null, "output_format": null,
    "test_output_format": null, "test_name_format": null, "visibility": null,
    "stdout_visibility": null, "leaderboard": null, "extra_data": null,
    "tests": [{"score": 3, "max_score": null, "status": null, "name": null, "name_format": null,
               "number": null, "output": null, "output_format": null, "tags": null,
               "visibility": null, "extra_data": {"kept": [1, null, {"deep": "x"}]}}]})");
  CHECK(r.score == 3);
  CHECK(
      nlohmann::json::parse(r.json) ==
      nlohmann::json::parse(
          R"({"extra_data": null, "tests": [{"score": 3, "extra_data": {"kept": [1, null, {"deep": "x"}]}}]})"));
  CHECK_THROWS_WITH_AS(validate_results(R"({"score": null, "tests": null})"),
                       doctest::Contains("neither"), Error);
}

TEST_CASE("numeric strings become numbers and numeric test numbers become text") {
  const auto r = validate_results(R"({"score": "44.5", "execution_time": "0.05",
    "tests": [{"score": "2", "max_score": "2.0", "number": 1}, {"score": -1, "number": 2.5},
              {"number": "1.1"}],
    "extra_data": {"score": "not touched"}})");
  const auto sent = nlohmann::json::parse(r.json);
  CHECK(r.score == 44.5);
  CHECK(sent["score"] == 44.5);
  CHECK(sent["execution_time"] == 0.05);
  CHECK(sent["tests"][0]["score"] == 2.0);
  CHECK(sent["tests"][0]["max_score"] == 2.0);
  CHECK(sent["tests"][0]["number"] == "1");
  CHECK(sent["tests"][1]["number"] == "2.5");
  CHECK(sent["tests"][2]["number"] == "1.1");
  CHECK(sent["extra_data"]["score"] == "not touched");
  CHECK(validate_results(r.json).json == r.json);
  CHECK(validate_results(R"({"tests": [{"score": "2.5"}, {"score": 1}]})").score == 3.5);
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

TEST_CASE("a refused results.json tells the student it is the grader's fault") {
  const std::string error =
      "invalid results.json: tests[0].status must be one of passed, failed, not \"ok\"";
  CHECK(is_invalid_results_error(error));
  const auto page = validate_results(failure_results(error));
  const auto output = nlohmann::json::parse(page.json)["output"].get<std::string>();
  CHECK(page.score == 0);
  CHECK(output.find("tests[0].status") != std::string::npos);
  CHECK(output.find("fault in the autograder") != std::string::npos);
  CHECK(output.find("resubmitting will not help") != std::string::npos);
  CHECK(output.find("Please resubmit") == std::string::npos);
  CHECK(failure_of(page.json) == error);

  const auto other = failure_results("timed out after 20m");
  CHECK_FALSE(is_invalid_results_error("timed out after 20m"));
  CHECK(nlohmann::json::parse(other)["output"].get<std::string>().find("Please resubmit") !=
        std::string::npos);
  CHECK(failure_of(R"({"score": 1, "extra_data": {"x": 1}})") == std::nullopt);
}

TEST_SUITE_END();
