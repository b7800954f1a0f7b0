#pragma once
// Gradescope's results.json: checking what a grader wrote, and writing the
// result a caller gets when grading could not produce one.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cs351::autograde {

// Larger results.json files are refused (Gradescope itself chokes on huge output).
constexpr std::size_t k_max_results_bytes = 1 << 20;

// The start of every run error that means "the grader's results.json was refused".
inline constexpr std::string_view k_invalid_results = "invalid results.json";
bool is_invalid_results_error(std::string_view error);

struct GraderResults {
  std::string json;  // the grader's document, normalised, serialised compactly
  double score = 0;  // top-level "score", else the sum of the tests' scores
};

// Checks `text` against Gradescope's results.json schema (docs/autograde.md,
// "results.json rules") and normalises it so Gradescope gets spec-shaped JSON:
// null fields dropped (null means absent; extra_data passes untouched),
// numeric strings in score/max_score/execution_time made numbers, a numeric
// tests[].number made text. A data Error (exit 65) naming the field
// ("results.json: tests[2].status must be one of passed, failed, not \"ok\"")
// for invalid JSON, a top level that is not an object, wrong types, unknown
// enum values, non-numeric or non-finite numbers, no score at all, or more
// than k_max_results_bytes.
GraderResults validate_results(std::string_view text);

// A results.json that scores 0 and tells the student what happened. For an
// error starting with k_invalid_results it says the autograder is at fault
// and that resubmitting will not help. extra_data.cs351_error holds `message`.
std::string failure_results(const std::string& message);

// Whose fault a submission the grading server refused is: it decides what the student reads.
enum class Fault { staff, student };

// A results.json that scores 0 for a refused submission: for `staff`, that the
// course staff must fix the autograder configuration (resubmitting will not
// help); for `student`, that the submission itself must change.
// extra_data.cs351_error holds `message`. The packaged Python client writes the
// same words (gradescope_client.py); the contract test compares them.
std::string refused_results(const std::string& message, Fault fault);

// The cs351 error a failure result carries (extra_data.cs351_error); nullopt
// for a grader's own result.
std::optional<std::string> failure_of(std::string_view results_json);

// Writes `content` to `path` through a temp file in the same directory and a
// rename, so Gradescope (or anyone) never reads half a results.json.
void write_results_file(const std::filesystem::path& path, const std::string& content);

}  // namespace cs351::autograde
