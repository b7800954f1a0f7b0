#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "usage_class.h"

using namespace cs351;
namespace fs = std::filesystem;

namespace {

const char* const k_tables[] = {"usage_files", "usage_calls", "usage_tools", "usage_prompts",
                                "usage_sessions"};

// usage_tool_counts must equal the counts recomputed from every tool row.
void counts_match_tools(test::UsageStore& s) {
  const auto kept = s.rows(
      "SELECT course_id, person_id, name, detail, uses FROM usage_tool_counts ORDER BY 1, 2, 3, 4");
  CHECK_FALSE(kept.empty());
  CHECK(kept == s.rows("SELECT course_id, person_id, name, detail, count(*) FROM usage_tools "
                       "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"));
}

void same_content(test::UsageStore& a, test::UsageStore& b) {
  for (const auto* table : k_tables) {
    INFO("table: " << table);
    const auto dump = std::string("SELECT * FROM ") + table + " ORDER BY id";
    const auto rows = a.rows(dump);
    CHECK_FALSE(rows.empty());
    CHECK(rows == b.rows(dump));
  }
}

// The first half of `path`'s lines, then (on the next call) all of them.
void cut_in_half(const fs::path& path, std::string& rest) {
  std::ifstream in(path, std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto cut = all.find('\n', all.size() / 2) + 1;
  rest = all.substr(cut);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << all.substr(0, cut);
}

}  // namespace

TEST_SUITE_BEGIN("usage/import");

TEST_CASE("reading files on several threads stores exactly what one thread does") {
  const test::ScratchDir tree;
  const auto root = test::make_usage_class(tree);
  test::UsageStore serial, parallel;
  const auto one = serial.import(root, 1);
  const auto three = parallel.import(root, 3);
  CHECK(one.files == three.files);
  CHECK(one.lines == three.lines);
  CHECK(one.calls == three.calls);
  CHECK(one.new_calls == three.new_calls);
  CHECK(one.skipped == three.skipped);
  same_content(serial, parallel);
  CHECK(parallel.import(root, 3).files_unchanged == three.files);
  counts_match_tools(parallel);
}

TEST_CASE("a grown file is read on the same way by one thread or several") {
  const test::ScratchDir tree;
  const auto root = test::make_usage_class(tree);
  std::vector<std::pair<fs::path, std::string>> grown;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".jsonl" || e.file_size() < 100000) continue;
    grown.emplace_back(e.path(), "");
    cut_in_half(e.path(), grown.back().second);
  }
  REQUIRE(grown.size() >= 2);
  test::UsageStore serial, parallel, whole;
  serial.import(root, 1);
  parallel.import(root, 2);
  counts_match_tools(parallel);
  for (const auto& [path, rest] : grown)
    std::ofstream(path, std::ios::binary | std::ios::app) << rest;
  serial.import(root, 1);
  parallel.import(root, 2);
  same_content(serial, parallel);
  counts_match_tools(parallel);
  // And the calls are those of the whole files read at once.
  whole.import(root, 2);
  const auto calls = "SELECT person_id, call_key, total FROM usage_calls ORDER BY 1, 2";
  CHECK(parallel.rows(calls) == whole.rows(calls));
}

TEST_SUITE_END();
