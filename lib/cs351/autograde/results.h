#pragma once
// Gradescope's results.json: checking what a grader wrote, and writing the
// result a caller gets when grading could not produce one.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace cs351::autograde {

// Larger results.json files are refused (Gradescope itself chokes on huge output).
constexpr std::size_t k_max_results_bytes = 1 << 20;

struct GraderResults {
  std::string json;  // the grader's document, re-serialised compactly
  double score = 0;  // top-level "score", else the sum of the tests' scores
};

// Checks `text` against Gradescope's results.json schema. A data Error (exit 65)
// saying what is wrong ("tests[2].status must be \"passed\" or \"failed\"") for
// invalid JSON, wrong types, unknown enum values, non-finite numbers, no score
// at all, or more than k_max_results_bytes.
GraderResults validate_results(std::string_view text);

// A results.json that scores 0 and tells the student what happened.
std::string failure_results(const std::string& message);

// Writes `content` to `path` through a temp file in the same directory and a
// rename, so Gradescope (or anyone) never reads half a results.json.
void write_results_file(const std::filesystem::path& path, const std::string& content);

}  // namespace cs351::autograde
