#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "cs351/usage/prices.h"
#include "cs351/usage/stats.h"
#include "usage_class.h"

using namespace cs351;

namespace {

std::string counts_text(const std::vector<usage::Count>& counts) {
  std::string out;
  for (const auto& c : counts) out += fmt::format("{}={};", c.name, c.n);
  return out;
}

// Every figure of a report, costs to the last bit.
std::string report_text(const usage::Stats& s) {
  auto out =
      fmt::format("{}|{}|{}|{}|{:a}|{}|{}|{}|{}\n", s.first_at, s.sessions, s.sessions_today,
                  s.seconds, s.cache_hit_rate, s.prompts, s.prompt_chars, s.plans, s.tool_calls);
  const auto& t = s.tokens;
  out += fmt::format("{}|{}|{}|{}|{}|{:a}|{}\n", t.api_calls, t.input, t.output, t.cache_creation,
                     t.cache_read, t.cost, fmt::join(t.unpriced, ","));
  for (const auto& m : s.models) out += fmt::format("{}={}/{};", m.model, m.io_tokens, m.sessions);
  for (const auto& p : s.projects) out += fmt::format("{}={}{};", p.project, p.calls, p.worktree);
  return out + '\n' + counts_text(s.tools) + '\n' + counts_text(s.files_read) + '\n' +
         counts_text(s.bash_commands) + '\n' + counts_text(s.activity);
}

}  // namespace

TEST_SUITE_BEGIN("usage/stats");

// A date range reads every tool row; without one the report reads the counts
// the import keeps. Over a range holding everything both must say the same.
TEST_CASE("the report from kept tool counts equals the one from every tool row") {
  const test::ScratchDir tree;
  const auto root = test::make_usage_class(tree);
  test::UsageStore s;
  s.import(root, 2);
  const auto prices = usage::PriceTable::parse(usage::shipped_prices_json(), "shipped");
  usage::Filter kept;
  kept.course = "C1";
  auto raw = kept;
  raw.since = "1970-01-01";
  raw.until = "9999-12-31";
  const auto a = report_text(usage::compute_stats(s.db, kept, prices, s.clock));
  CHECK(a.find("Read=") != std::string::npos);
  CHECK(a == report_text(usage::compute_stats(s.db, raw, prices, s.clock)));
  const auto by_kept = usage::compute_stats_by_student(s.db, kept, prices, s.clock);
  const auto by_raw = usage::compute_stats_by_student(s.db, raw, prices, s.clock);
  REQUIRE(by_kept.size() == 2);
  REQUIRE(by_raw.size() == 2);
  for (const auto& [person, stats] : by_kept)
    CHECK(report_text(stats) == report_text(by_raw.at(person)));
}

TEST_SUITE_END();
