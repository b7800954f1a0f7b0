#include <doctest/doctest.h>

#include <fmt/format.h>

#include "cs351/autograde/grading.h"
#include "cs351/autograde/results.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

GraderResult exited(int code) {
  GraderResult r;
  r.exit_code = code;
  r.output = "grader output\n";
  return r;
}

AssignmentConfig twenty_minutes() {
  AssignmentConfig a;
  a.timeout = 20min;
  return a;
}

std::string judged_error(const GraderResult& r, const std::optional<std::string>& results,
                         std::uintmax_t size = 10) {
  const auto out = judge(r, results, size, twenty_minutes());
  CHECK(out.status == RunStatus::failed);
  CHECK(out.log.find("grader output") != std::string::npos);
  return out.error;
}

}  // namespace

TEST_SUITE_BEGIN("autograde/grading");

TEST_CASE("valid results succeed whatever the exit code") {
  for (int code : {0, 1}) {
    const auto out = judge(exited(code), R"({"score": 8.5})", 15, twenty_minutes());
    CHECK(out.status == RunStatus::succeeded);
    CHECK(out.score == 8.5);
    CHECK(out.log.find(fmt::format("exit {}", code)) != std::string::npos);
  }
}

TEST_CASE("every failure says what happened") {
  GraderResult timed_out = exited(0);
  timed_out.exit_code.reset();
  timed_out.signal = 9;
  CHECK(judged_error(timed_out, std::nullopt) == "grader crashed: signal 9");
  timed_out.timed_out = true;
  CHECK(judged_error(timed_out, std::nullopt) == "timed out after 20m");
  CHECK(judged_error(exited(139), std::nullopt) == "grader crashed: exit 139 (no results.json)");
  CHECK(judged_error(exited(0), std::nullopt) == "grader wrote no results.json");
  CHECK(judged_error(exited(0), "oops") == "invalid results.json is not valid JSON");
  CHECK(judged_error(exited(0), "", k_max_results_bytes + 1).find("over the") != std::string::npos);
  GraderResult stopped = exited(0);
  stopped.stopped = true;
  CHECK(judged_error(stopped, R"({"score": 1})").starts_with("stopped"));
}

TEST_SUITE_END();
