#include <doctest/doctest.h>

#include "cs351/usage/prices.h"
#include "cs351/usage/stats.h"

using namespace cs351::usage;

TEST_SUITE_BEGIN("usage/prices");

TEST_CASE("the shipped table has its date and source and prices known models") {
  const auto t = PriceTable::parse(shipped_prices_json(), "shipped");
  CHECK_FALSE(t.date().empty());
  CHECK(t.source().find("ccusage") != std::string::npos);
  CHECK(t.find("claude-sonnet-4-20250514"));
  CHECK(t.find("claude-sonnet-4") == t.find("claude-sonnet-4-20250514"));  // dated release
  CHECK(t.find("anthropic/claude-opus-4-6") == t.find("claude-opus-4-6"));
  CHECK_FALSE(t.find("no-such-model"));
}

TEST_CASE("cost: tiers above 200k tokens per kind, 1-hour writes, fast mode, recorded cost") {
  const auto t = PriceTable::parse(R"({"date":"d","source":"s","models":{"m":{
    "input":1,"output":10,"cache_write_5m":2,"cache_write_1h":3,"cache_read":0.5,
    "above_200k":{"input":4},"fast_multiplier":6}}})",
                                   "test");
  ApiCall c;
  c.model = "m";
  c.input = 300'000;
  c.output = 1;
  c.cache_write_5m = 1;
  c.cache_write_1h = 1;
  c.cache_read = 2;
  CHECK(*t.cost(c) == doctest::Approx(200'000 * 1 + 100'000 * 4 + 10 + 2 + 3 + 1));
  c.fast = true;
  CHECK(*t.cost(c) == doctest::Approx(6.0 * (600'000 + 16)));
  c.recorded_cost = 0.25;
  CHECK(*t.cost(c) == 0.25);
  c.recorded_cost.reset();
  c.model = "unknown";
  CHECK_FALSE(t.cost(c));  // reported as unpriced, never zero
}

TEST_CASE("a malformed price table is a data error naming it") {
  CHECK_THROWS_WITH(PriceTable::parse("{}", "p.json"), doctest::Contains("p.json"));
  CHECK_THROWS_WITH(PriceTable::parse(R"({"models":{"m":{"input":"cheap"}}})", "p.json"),
                    doctest::Contains("model m"));
}

TEST_CASE("paths: home shortened, worktrees under their project") {
  CHECK(shorten_home("/Users/chip/dev/ai-music") == "~/dev/ai-music");
  CHECK(shorten_home("/home/marco/x") == "~/x");
  CHECK(shorten_home("C:\\Users\\M\\code") == "~\\code");
  CHECK(shorten_home("/tmp") == "/tmp");
  CHECK(split_worktree("/r/proj/.claude/worktrees/nav-search/src") ==
        std::pair<std::string, std::string>{"/r/proj", "nav-search"});
  CHECK(split_worktree("C:\\r\\proj\\.claude-worktrees\\x") ==
        std::pair<std::string, std::string>{"C:\\r\\proj", "x"});
  CHECK(split_worktree("/r/proj").second.empty());
}

TEST_SUITE_END();
