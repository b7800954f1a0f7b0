#include "cs351/autograde/results.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "cs351/core/error.h"

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

void check_number(const json& doc, const std::string& key, const std::string& where) {
  if (!doc.contains(key) || doc[key].is_null()) return;
  if (!doc[key].is_number() || !std::isfinite(doc[key].get<double>()))
    throw invalid(where + key, "must be a number");
}

void check_string(const json& doc, const std::string& key, const std::string& where) {
  if (doc.contains(key) && !doc[key].is_string()) throw invalid(where + key, "must be a string");
}

void check_enum(const json& doc, const std::string& key, const std::string& where,
                std::initializer_list<const char*> allowed) {
  if (!doc.contains(key)) return;
  const auto& v = doc[key];
  const bool ok = v.is_string() && std::any_of(allowed.begin(), allowed.end(),
                                               [&](const char* a) { return v == a; });
  if (!ok) throw invalid(where + key, fmt::format("must be one of {}", fmt::join(allowed, ", ")));
}

void check_test(const json& test, const std::string& where) {
  if (!test.is_object()) throw invalid(where, "must be an object");
  const std::string prefix = where + ".";
  check_number(test, "score", prefix);
  check_number(test, "max_score", prefix);
  check_enum(test, "status", prefix, {"passed", "failed"});
  for (const char* key : {"name", "number", "output", "name_format"})
    check_string(test, key, prefix);
  check_enum(test, "output_format", prefix, k_formats);
  check_enum(test, "visibility", prefix, k_visibilities);
  if (test.contains("tags")) {
    const auto& tags = test["tags"];
    if (!tags.is_array() ||
        !std::all_of(tags.begin(), tags.end(), [](const json& t) { return t.is_string(); })) {
      throw invalid(prefix + "tags", "must be an array of strings");
    }
  }
}

void check_leaderboard(const json& doc) {
  if (!doc.contains("leaderboard")) return;
  if (!doc["leaderboard"].is_array()) throw invalid("leaderboard", "must be an array");
  std::size_t i = 0;
  for (const auto& entry : doc["leaderboard"]) {
    const std::string where = fmt::format("leaderboard[{}]", i++);
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      throw invalid(where, "must be an object with a string \"name\"");
    }
    if (!entry.contains("value") || !(entry["value"].is_number() || entry["value"].is_string())) {
      throw invalid(where + ".value", "must be a number or a string");
    }
    check_enum(entry, "order", where + ".", {"asc", "desc"});
  }
}

double tests_total(const json& doc) {
  double total = 0;
  for (const auto& t : doc["tests"]) {
    if (t.contains("score") && t["score"].is_number()) total += t["score"].get<double>();
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
  if (!doc.is_object()) throw data_error("results.json must be a JSON object");
  check_number(doc, "score", "");
  check_number(doc, "execution_time", "");
  check_string(doc, "output", "");
  check_enum(doc, "output_format", "", k_formats);
  check_enum(doc, "test_output_format", "", k_formats);
  check_enum(doc, "visibility", "", k_visibilities);
  check_enum(doc, "stdout_visibility", "", k_visibilities);
  const bool has_tests = doc.contains("tests");
  if (has_tests) {
    if (!doc["tests"].is_array()) throw invalid("tests", "must be an array");
    for (std::size_t i = 0; i < doc["tests"].size(); ++i)
      check_test(doc["tests"][i], fmt::format("tests[{}]", i));
  }
  check_leaderboard(doc);
  const bool has_score = doc.contains("score") && doc["score"].is_number();
  if (!has_score && !has_tests)
    throw data_error("results.json has neither a \"score\" nor \"tests\"");
  return {doc.dump(-1, ' ', false, json::error_handler_t::replace),
          has_score ? doc["score"].get<double>() : tests_total(doc)};
}

std::string failure_results(const std::string& message) {
  return json{
      {"score", 0},
      {"output", fmt::format("The grader could not produce a result: {}. Please resubmit; if this "
                             "happens again, contact the course staff.",
                             message)},
      {"extra_data", {{"cs351_error", message}}}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

void write_results_file(const std::filesystem::path& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw Error(ExitCode::failure, fmt::format("cannot write {}", tmp.string()));
  }
  fs::rename(tmp, path, ec);
  if (ec)
    throw Error(ExitCode::failure, fmt::format("cannot write {}: {}", path.string(), ec.message()));
}

}  // namespace cs351::autograde
