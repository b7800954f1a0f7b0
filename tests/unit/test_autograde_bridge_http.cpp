// The bridge's HTTP layer holding answers back: a held request is asked again only when the
// handler no longer says its key waits, or when its hold is over. Real HTTP over loopback; the
// test calls tick() itself, so nothing depends on the serve loop's timing.
#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cs351/autograde/bridge_http.h"
#include "cs351/core/http_client.h"

using namespace cs351;
using namespace cs351::autograde;
using namespace std::chrono_literals;

namespace {

// Answers GET /runs/7: "done" once `ready`, until then 202 "pending", held for `hold` on key 7.
class HoldingHandler : public HttpHandler {
 public:
  std::atomic<bool> ready{false};
  std::atomic<bool> broken{false};  // still_waiting cannot tell
  std::atomic<int> answers{0};
  std::chrono::milliseconds hold{30'000};

  std::optional<HttpAnswer> check(const HttpHead&) override { return std::nullopt; }
  HttpAnswer answer(const HttpHead&, std::string&) override {
    ++answers;
    if (ready) return {200, "done", {}};
    HttpAnswer pending{202, "pending", {}};
    pending.hold = hold;
    pending.hold_key = 7;
    return pending;
  }
  HttpAnswer refuse_body(const HttpHead&, bool) override { return {400, "", {}}; }
  std::vector<std::int64_t> still_waiting(const std::vector<std::int64_t>& keys) override {
    if (broken) throw std::runtime_error("the queue is away");
    return ready ? std::vector<std::int64_t>{} : keys;
  }
};

struct Fixture {
  HoldingHandler handler;
  std::future<HttpResponse> response;  // waited for after the server stopped (and answered it)
  HttpServer server{"127.0.0.1", 0, HttpLimits{}, TlsFiles{}, handler};

  void get() {
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/runs/7";
    response = std::async(std::launch::async, [url] {
      HttpRequest request;
      request.url = url;
      return make_curl_client("cs351-test")->send(request);
    });
  }
  // Ticks until `done` holds; false after 10 s.
  template <typename Done>
  bool tick_until(Done done) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      server.tick();
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }
  bool answered() { return response.wait_for(0s) == std::future_status::ready; }
};

}  // namespace

TEST_SUITE_BEGIN("autograde/bridge_http");

TEST_CASE("a held answer is not asked again while its key waits, and at once when it does not") {
  Fixture f;
  f.get();
  REQUIRE(f.tick_until([&] { return f.handler.answers == 1; }));
  for (int i = 0; i < 20; ++i) f.server.tick();
  CHECK(f.handler.answers == 1);
  CHECK_FALSE(f.answered());
  f.handler.ready = true;
  f.server.tick();  // this one tick resumes it: no later poll is needed
  REQUIRE(f.response.wait_for(10s) == std::future_status::ready);
  const auto r = f.response.get();
  CHECK(r.status == 200);
  CHECK(r.body == "done");
  CHECK(f.handler.answers == 2);
}

TEST_CASE("a held answer goes out as it stands once its hold is over") {
  Fixture f;
  f.handler.hold = 50ms;
  f.get();
  REQUIRE(f.tick_until([&] { return f.answered(); }));
  const auto r = f.response.get();
  CHECK(r.status == 202);
  CHECK(r.body == "pending");
}

TEST_CASE("a handler that cannot tell what waits gets every held answer asked again") {
  Fixture f;
  f.get();
  REQUIRE(f.tick_until([&] { return f.handler.answers == 1; }));
  f.handler.broken = true;
  REQUIRE(f.tick_until([&] { return f.handler.answers >= 2; }));
  f.handler.ready = true;
  REQUIRE(f.tick_until([&] { return f.answered(); }));
  CHECK(f.response.get().body == "done");
}
