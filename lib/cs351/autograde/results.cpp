#include "cs351/autograde/results.h"
#include "cs351/core/json.h"
#include "cs351/core/write_error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::autograde {
namespace {

using nlohmann::json;

constexpr std::initializer_list<const char*> k_visibilities{"hidden", "after_due_date",
                                                            "after_published", "visible"};
constexpr std::initializer_list<const char*> k_formats{"text", "html", "simple_format", "md",
                                                       "ansi"};

Error invalid(const std::string& where, const std::string& what) {
  return data_error(fmt::format("results.json: {} {}", where, what));
}

// Gradescope serialises unset fields as null (previous_submissions[].results),
// so null means absent: the key is dropped. True when a non-null value is there.
bool present(json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (!it->is_null()) return true;
  obj.erase(it);
  return false;
}

// A number, or a numeric string normalised to that number (gradescope-utils
// writes execution_time as "0.05"; Gradescope stores scores as "52.0").
void number_field(json& obj, const char* key, const std::string& where) {
  if (!present(obj, key)) return;
  json& v = obj[key];
  if (v.is_number() && std::isfinite(v.get<double>())) return;
  if (v.is_string()) {
    if (const auto n = parse_finite_number(v.get<std::string>())) {
      v = *n;
      return;
    }
  }
  throw invalid(where + key, fmt::format("must be a number, not {}", v.dump()));
}

void string_field(json& obj, const char* key, const std::string& where) {
  if (present(obj, key) && !obj[key].is_string())
    throw invalid(where + key, fmt::format("must be a string, not {}", obj[key].dump()));
}

void enum_field(json& obj, const char* key, const std::string& where,
                std::initializer_list<const char*> allowed) {
  if (!present(obj, key)) return;
  const auto& v = obj[key];
  const bool ok = v.is_string() && std::any_of(allowed.begin(), allowed.end(),
                                               [&](const char* a) { return v == a; });
  if (!ok) {
    throw invalid(where + key,
                  fmt::format("must be one of {}, not {}", fmt::join(allowed, ", "), v.dump()));
  }
}

// "1.1" as Gradescope documents it; a number (1, 2.5) is written as its text.
void test_number_field(json& test, const std::string& where) {
  if (!present(test, "number")) return;
  json& v = test["number"];
  if (v.is_number() && std::isfinite(v.get<double>())) v = v.dump();
  if (!v.is_string()) throw invalid(where + "number", "must be a string or a number");
}

void tags_field(json& test, const std::string& where) {
  if (!present(test, "tags")) return;
  const auto& tags = test["tags"];
  if (!tags.is_array() ||
      !std::all_of(tags.begin(), tags.end(), [](const json& t) { return t.is_string(); })) {
    throw invalid(where + "tags", "must be an array of strings");
  }
}

void check_test(json& test, const std::string& where) {
  if (!test.is_object()) throw invalid(where, "must be an object");
  const std::string prefix = where + ".";
  number_field(test, "score", prefix);
  number_field(test, "max_score", prefix);
  enum_field(test, "status", prefix, {"passed", "failed"});
  string_field(test, "name", prefix);
  enum_field(test, "name_format", prefix, k_formats);
  test_number_field(test, prefix);
  string_field(test, "output", prefix);
  enum_field(test, "output_format", prefix, k_formats);
  tags_field(test, prefix);
  enum_field(test, "visibility", prefix, k_visibilities);
}

void check_tests(json& doc) {
  if (!present(doc, "tests")) return;
  if (!doc["tests"].is_array()) throw invalid("tests", "must be an array");
  for (std::size_t i = 0; i < doc["tests"].size(); ++i)
    check_test(doc["tests"][i], fmt::format("tests[{}]", i));
}

void check_leaderboard(json& doc) {
  if (!present(doc, "leaderboard")) return;
  if (!doc["leaderboard"].is_array()) throw invalid("leaderboard", "must be an array");
  std::size_t i = 0;
  for (auto& entry : doc["leaderboard"]) {
    const std::string where = fmt::format("leaderboard[{}]", i++);
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      throw invalid(where, "must be an object with a string \"name\"");
    }
    if (!entry.contains("value") || !(entry["value"].is_number() || entry["value"].is_string())) {
      throw invalid(where + ".value", "must be a number or a string");
    }
    enum_field(entry, "order", where + ".", {"asc", "desc"});
  }
}

// Every documented top-level field; extra_data and unknown keys pass untouched.
void check_top_level(json& doc) {
  number_field(doc, "score", "");
  number_field(doc, "execution_time", "");
  string_field(doc, "output", "");
  enum_field(doc, "output_format", "", k_formats);
  enum_field(doc, "test_output_format", "", k_formats);
  enum_field(doc, "test_name_format", "", k_formats);
  enum_field(doc, "visibility", "", k_visibilities);
  enum_field(doc, "stdout_visibility", "", k_visibilities);
  check_tests(doc);
  check_leaderboard(doc);
}

double tests_total(const json& doc) {
  double total = 0;
  if (!doc.contains("tests")) return total;
  for (const auto& t : doc["tests"]) {
    if (t.contains("score")) total += t["score"].get<double>();
  }
  return total;
}

}  // namespace

GraderResults validate_results(std::string_view text) {
  if (text.size() > k_max_results_bytes) {
    throw data_error(fmt::format("results.json is {} bytes, over the {} byte limit", text.size(),
                                 k_max_results_bytes));
  }
  json doc = parse_json(text);
  if (doc.is_discarded()) throw data_error("results.json is not valid JSON");
  if (!doc.is_object())
    throw data_error(fmt::format("results.json must be a JSON object, not {}", doc.type_name()));
  check_top_level(doc);
  const bool has_score = doc.contains("score");
  if (!has_score && !doc.contains("tests"))
    throw data_error("results.json has neither a \"score\" nor \"tests\"");
  const double score = has_score ? doc["score"].get<double>() : tests_total(doc);
  // Each test score is finite, but their sum can still overflow to infinity.
  if (!std::isfinite(score))
    throw data_error("results.json: the tests' scores add up to a number that is not finite");
  return {doc.dump(-1, ' ', false, json::error_handler_t::replace), score};
}

bool is_invalid_results_error(std::string_view error) {
  return error.starts_with(k_invalid_results);
}

namespace {

// The failure page every client writes: score 0, the student's text, cs351's error.
std::string zero_score(const std::string& output, const std::string& message) {
  return json{{"score", 0}, {"output", output}, {"extra_data", {{"cs351_error", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string failure_results(const std::string& message) {
  const std::string output =
      is_invalid_results_error(message)
          ? fmt::format(
                "The course's autograder wrote a result that cannot be used ({}). This is "
                "a fault in the autograder, not in your submission, and resubmitting will "
                "not help: the course staff have to fix the autograder. Please tell them.",
                message)
          : fmt::format(
                "The grader could not produce a result: {}. Please resubmit; if this "
                "happens again, contact the course staff.",
                message);
  return zero_score(output, message);
}

std::string refused_results(const std::string& message, Fault fault) {
  const std::string output =
      fault == Fault::staff
          ? fmt::format(
                "The course staff must fix the autograder configuration: {}. This is not a "
                "fault in your submission, and resubmitting will not help until they do: "
                "please tell them.",
                message)
          : fmt::format(
                "The grading server did not accept your submission: {}. Change your "
                "submission and submit again.",
                message);
  return zero_score(output, message);
}

std::optional<std::string> failure_of(std::string_view results_json) {
  const json doc = parse_json(results_json);
  if (!doc.is_object() || !doc.contains("extra_data") || !doc["extra_data"].is_object())
    return std::nullopt;
  const auto& extra = doc["extra_data"];
  if (!extra.contains("cs351_error") || !extra["cs351_error"].is_string()) return std::nullopt;
  return extra["cs351_error"].get<std::string>();
}

void write_results_file(const std::filesystem::path& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw cannot_write(tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec)
    throw Error(ExitCode::failure, fmt::format("cannot write {}: {}", path.string(), ec.message()));
}

}  // namespace cs351::autograde
