// Every real results.json and submission_metadata.json in fixtures/autograde
// (fixtures/autograde/README.md says where each came from) passes, and what we
// pass on to Gradescope means what the grader wrote.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "cs351/autograde/gradescope_metadata.h"
#include "cs351/autograde/results.h"
#include "cs351/core/time_format.h"
#include "support.h"

using namespace cs351;
using namespace cs351::autograde;
using nlohmann::json;

namespace {

const char* const k_results_files[] = {"autograde/results/gradescope_utils_rkulskis.json",
                                       "autograde/results/cpp_rhys_brailsford.json",
                                       "autograde/results/go_burturt.json",
                                       "autograde/results/otter_grader.json"};

const char* const k_metadata_files[] = {"autograde/metadata/solo_rkulskis.json",
                                        "autograde/metadata/many_previous_orgb4.json",
                                        "autograde/metadata/previous_results_burturt.json",
                                        "autograde/metadata/two_users_rhys_brailsford.json",
                                        "autograde/metadata/group_derived_from_rkulskis.json"};

// The value a grader wrote, read the way the documented rules read it: a
// numeric string is its number, a number in `number` is its text.
bool same_value(const json& wrote, const json& sent, const std::string& key) {
  if (wrote.is_string() && sent.is_number() && key != "number")
    return std::abs(std::stod(wrote.get<std::string>()) - sent.get<double>()) < 1e-9;
  if (wrote.is_number() && sent.is_string() && key == "number") return wrote.dump() == sent;
  return wrote == sent;
}

// Every field the grader set is there with the same meaning; null ones are
// gone (null means absent), except extra_data, which passes untouched.
void check_same_meaning(const json& wrote, const json& sent, const std::string& where) {
  for (const auto& [key, value] : wrote.items()) {
    const std::string field = where + key;  // clang 14 cannot capture a structured binding
    CAPTURE(field);
    if (value.is_null() && key != "extra_data") {
      CHECK_FALSE(sent.contains(key));
    } else if (key == "tests") {
      REQUIRE(sent[key].size() == value.size());
      for (std::size_t i = 0; i < value.size(); ++i)
        check_same_meaning(value[i], sent[key][i], where + "tests[" + std::to_string(i) + "].");
    } else {
      REQUIRE(sent.contains(key));
      CHECK(same_value(value, sent[key], key));
    }
  }
  CHECK(sent.size() <= wrote.size());
}

double tests_sum(const json& doc) {
  double sum = 0;
  for (const auto& t : doc.value("tests", json::array())) {
    if (t.contains("score") && !t["score"].is_null()) sum += t["score"].get<double>();
  }
  return sum;
}

}  // namespace

TEST_SUITE_BEGIN("autograde/real_files");

TEST_CASE("every real results.json passes and keeps its meaning") {
  for (const char* file : k_results_files) {
    CAPTURE(file);
    const std::string text = test::read_fixture(file);
    const auto r = validate_results(text);
    const json wrote = json::parse(text);
    const json sent = json::parse(r.json);
    check_same_meaning(wrote, sent, "");
    const bool has_score = wrote.contains("score") && !wrote["score"].is_null();
    CHECK(r.score == doctest::Approx(has_score ? wrote["score"].get<double>() : tests_sum(wrote)));
    CHECK(validate_results(r.json).json == r.json);  // normalising is idempotent
  }
}

TEST_CASE("gradescope-utils' string execution_time reaches Gradescope as a number") {
  const auto r = validate_results(test::read_fixture(k_results_files[0]));
  const json sent = json::parse(r.json);
  CHECK(sent["execution_time"].is_number());
  CHECK(sent["execution_time"].get<double>() == doctest::Approx(0.05));
  CHECK(r.score == 20.0);
  CHECK(sent["leaderboard"][3]["value"] == "🌟🌟🌟🌟🌟🌟🌟🌟");
}

TEST_CASE("every previous result Gradescope serialised back, nulls and all, passes") {
  std::size_t seen = 0;
  for (const char* file : k_metadata_files) {
    CAPTURE(file);
    const json doc = json::parse(test::read_fixture(file));
    for (const auto& previous : doc.value("previous_submissions", json::array())) {
      const auto& results = previous["results"];
      const auto r = validate_results(results.dump());
      check_same_meaning(results, json::parse(r.json), "");
      CHECK(r.score == doctest::Approx(std::stod(previous["score"].get<std::string>())));
      ++seen;
    }
  }
  CHECK(seen == 16);  // 12 in many_previous_orgb4.json, 4 in previous_results_burturt.json
}

TEST_CASE("every real submission_metadata.json gives its members and time") {
  struct Expect {
    const char* file;
    std::vector<std::string> emails;
    const char* created_utc;
  };
  const Expect cases[] = {
      {k_metadata_files[0], {"jo.student@example.edu"}, "2023-11-04T20:57:24Z"},
      {k_metadata_files[1], {"vi.student@example.edu"}, "2019-12-06T20:05:40Z"},
      {k_metadata_files[2], {"test@example.com"}, "2025-05-21T00:57:40Z"},
      {k_metadata_files[3],
       {"rb.staff@example.edu", "rb.staff@example.edu"},
       "2022-02-15T03:51:39Z"},
      {k_metadata_files[4],
       {"jo.student@example.edu", "Partner.Student@Example.edu"},
       "2023-11-04T20:57:24Z"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const auto m = parse_submission_metadata(test::read_fixture(c.file));
    CHECK(m.emails == c.emails);
    REQUIRE(m.created_at);
    CHECK(format_utc(*m.created_at) == c.created_utc);
    CHECK_FALSE(m.course_id.empty());
    CHECK_FALSE(m.assignment_title.empty());
  }
}

TEST_SUITE_END();
