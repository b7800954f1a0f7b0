#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "cs351/autograde/bridge_client.h"
#include "cs351/autograde/tar.h"
#include "fake_http.h"
#include "support.h"

using namespace std::chrono_literals;
using namespace cs351;
using namespace cs351::autograde;

namespace {

HttpResponse answer(long status, std::string body) {
  return {status, {}, std::move(body)};
}

const std::string k_created =
    R"({"run_id": 7, "deduplicated": true, "results_url": "/v1/runs/7/results"})";

struct SubmitFixture {
  test::ScratchDir dir;
  test::FakeHttp http;
  SubmitOptions options;
  std::vector<std::chrono::milliseconds> sleeps;
  Sleeper sleeper = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };

  SubmitFixture() {
    std::filesystem::create_directories(dir / "submission");
    std::ofstream(dir / "submission/main.py") << "print(1)\n";
    std::ofstream(dir / "meta.json") << R"({"id": 1})";
    options = {"https://grader",
               "tok",
               dir / "meta.json",
               dir / "submission",
               dir / "out/results.json",
               60s,
               1 << 20};
  }
  SubmitReport go() { return submit(http, options, sleeper); }
  nlohmann::json results() const {
    std::ifstream in(dir / "out/results.json");
    return nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
  }
};

}  // namespace

TEST_SUITE_BEGIN("autograde/bridge_client");

TEST_CASE("sends the archive with the token, long-polls and writes the results") {
  SubmitFixture f;
  f.http.queue({answer(201, k_created), answer(202, "{}"), answer(202, "{}"),
                answer(200, R"({"score": 3})")});
  const auto report = f.go();
  CHECK(report.code == ExitCode::ok);
  CHECK(report.run_id == 7);
  CHECK(report.deduplicated);
  CHECK(f.results()["score"] == 3);
  const auto& post = f.http.requests.front();
  CHECK(post.method == "POST");
  CHECK(post.url == "https://grader/v1/runs");
  CHECK(std::count(post.headers.begin(), post.headers.end(),
                   std::pair<std::string, std::string>{"Authorization", "Bearer tok"}) == 1);
  const auto files = read_tar(post.body, 1 << 20);
  REQUIRE(files.size() == 2);
  CHECK(files[0].path == "submission_metadata.json");
  CHECK(files[1].path == "submission/main.py");
  CHECK(f.http.requests.back().url == "https://grader/v1/runs/7/results?wait=20");
  REQUIRE(f.sleeps.size() == 2);
  CHECK(f.sleeps[1] > f.sleeps[0]);
  CHECK(f.sleeps[1] <= 1s);
}

TEST_CASE("transport errors, 5xx, 408 and 429 are retried") {
  SubmitFixture f;
  f.http.queue({answer(0, ""), answer(503, R"({"error": "busy"})"), answer(408, ""),
                answer(429, R"({"error": "slow down"})"), answer(201, k_created), answer(0, ""),
                answer(200, R"({"score": 1})")});
  CHECK(f.go().code == ExitCode::ok);
  CHECK(f.http.requests.size() == 7);
}

TEST_CASE("every refusal still writes a failure result that says why") {
  SubmitFixture f;
  SUBCASE("wrong token") {
    f.http.queue({answer(401, R"({"error": "missing or wrong bearer token"})")});
    CHECK(f.go().code == ExitCode::no_perm);
    CHECK(f.results()["output"].get<std::string>().find("missing or wrong bearer token") !=
          std::string::npos);
  }
  SUBCASE("submission refused, the server saying it is the staff's fault") {
    f.http.queue({answer(400, R"({"error": "no course is linked", "fault": "staff"})")});
    CHECK(f.go().code == ExitCode::config);
    CHECK(f.results()["output"].get<std::string>().starts_with(
        "The course staff must fix the autograder configuration: HTTP 400: no course is linked"));
  }
  SUBCASE("an older server without fault: 404 is the staff's, 413 the student's") {
    f.http.queue({answer(404, R"({"error": "no assignment hw9"})")});
    CHECK(f.go().code == ExitCode::config);
    CHECK(f.results()["output"].get<std::string>().starts_with("The course staff must fix"));
    f.http.queue({answer(413, R"({"error": "too big"})")});
    CHECK(f.go().code == ExitCode::data);
    CHECK(f.results()["output"].get<std::string>().starts_with(
        "The grading server did not accept your submission: HTTP 413: too big"));
  }
  SUBCASE("plain http:// to a host that is not loopback: nothing is sent") {
    f.options.server = "http://grader.example.edu";
    CHECK(f.go().code == ExitCode::config);
    CHECK(f.http.requests.empty());
    CHECK(f.results()["output"].get<std::string>().find("unencrypted") != std::string::npos);
  }
  SUBCASE("the run vanished") {
    f.http.queue({answer(201, k_created), answer(404, R"({"error": "no run 7"})")});
    CHECK(f.go().code == ExitCode::data);
  }
  SUBCASE("unusable results from the server") {
    f.http.queue({answer(201, k_created), answer(200, "not json")});
    CHECK(f.go().code == ExitCode::data);
    CHECK(f.results()["score"] == 0);
  }
  SUBCASE("no token configured: nothing is sent") {
    f.options.token.clear();
    CHECK(f.go().code == ExitCode::config);
    CHECK(f.http.requests.empty());
  }
  SUBCASE("the submission directory is missing") {
    f.options.submission_dir = f.dir / "nope";
    CHECK(f.go().code == ExitCode::data);
    CHECK(f.http.requests.empty());
  }
  CHECK(f.results()["score"] == 0);
}

TEST_CASE("429, 408 and 503 are retried, after the server's Retry-After when it sends one") {
  SubmitFixture f;
  f.http.queue({{429, {{"retry-after", "3"}}, R"({"error": "slow down"})"},
                answer(408, ""),
                answer(503, ""),
                answer(201, k_created),
                answer(200, R"({"score": 1})")});
  CHECK(f.go().code == ExitCode::ok);
  REQUIRE(f.sleeps.size() == 3);
  CHECK(f.sleeps[0] == 3s);
  CHECK(f.sleeps[1] < 3s);
}

TEST_CASE("only https:// or http:// to loopback may carry the token") {
  CHECK_FALSE(insecure_server("https://grader.example.edu"));
  CHECK_FALSE(insecure_server("http://127.0.0.1:8351"));
  CHECK_FALSE(insecure_server("http://127.9.0.1"));
  CHECK_FALSE(insecure_server("http://localhost/"));
  CHECK_FALSE(insecure_server("http://[::1]:8351"));
  CHECK(insecure_server("http://grader.example.edu"));
  CHECK(insecure_server("http://127.0.0.1.example.edu"));
  CHECK(insecure_server("http://127.0.0.1@example.edu"));
  CHECK(insecure_server("http://localhost.example.edu"));
  CHECK(insecure_server("ftp://127.0.0.1"));
  CHECK(insecure_server("grader.example.edu"));
}

TEST_CASE("an unreachable server until the deadline is exit 69 with a result") {
  SubmitFixture f;
  f.options.deadline = 50ms;
  for (int i = 0; i < 1000; ++i) f.http.queue({answer(0, "")});
  f.sleeper = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  const auto report = f.go();
  CHECK(report.code == ExitCode::unavailable);
  CHECK(f.results()["output"].get<std::string>().find("could not reach the grading server") !=
        std::string::npos);
}

TEST_SUITE_END();
