#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"
#include "cs351/roster/roster_import.h"
#include "cs351/usage/import.h"
#include "support.h"

using namespace cs351;
namespace fs = std::filesystem;

namespace {

const char* const k_tables[] = {"usage_files", "usage_calls", "usage_tools", "usage_prompts",
                                "usage_sessions"};

// A class folder: one sub-folder per student, with real transcripts of both agents.
fs::path make_class(const test::ScratchDir& dir) {
  const auto root = dir / "class";
  const auto copy = [&](const char* email, const char* fixture, const char* as) {
    fs::create_directories(root / email / as);
    fs::copy(test::fixture_path(fixture), root / email / as, fs::copy_options::recursive);
  };
  copy("ada@example.edu", "usage/claude/spotter/projects", "projects");
  copy("ada@example.edu", "usage/codex/localpush/sessions", "sessions");
  copy("alan@example.edu", "usage/claude/sniffly-ai-music/projects", "projects");
  copy("alan@example.edu", "usage/claude/ccusage/projects", "more/projects");
  copy("alan@example.edu", "usage/claude/claude-code-log/projects", "log/projects");
  return root;
}

struct Store {
  test::ScratchDir dir;
  std::unique_ptr<store::Store> store = test::open_test_store(dir);
  SQLite::Database& db = store->db();
  ManualClock clock{*parse_time("2026-03-01T12:00:00Z")};

  Store() {
    roster::add_course(db, {"C1", {}, {}, {}});
    roster::import_roster(db, "C1",
                          "email,name,role,status\nada@example.edu,Ada,student,enrolled\n"
                          "alan@example.edu,Alan,student,enrolled\n",
                          {});
  }

  usage::ImportSummary import(const fs::path& path, unsigned workers) {
    usage::ImportOptions o;
    o.paths = {path.string()};
    o.course = "C1";
    o.workers = workers;
    return usage::import_usage(db, o, clock);
  }

  // Every usage row, every column, in id order.
  std::vector<std::string> dump(const std::string& table) {
    std::vector<std::string> rows;
    SQLite::Statement q(db, "SELECT * FROM " + table + " ORDER BY id");
    while (q.executeStep()) {
      std::string row;
      for (int i = 0; i < q.getColumnCount(); ++i) row += q.getColumn(i).getString() + '|';
      rows.push_back(row);
    }
    return rows;
  }
};

// usage_tool_counts must equal the counts recomputed from every tool row.
void counts_match_tools(Store& s) {
  const auto rows = [&](const char* sql) {
    std::vector<std::string> out;
    SQLite::Statement q(s.db, sql);
    while (q.executeStep()) {
      std::string row;
      for (int i = 0; i < q.getColumnCount(); ++i) row += q.getColumn(i).getString() + '|';
      out.push_back(row);
    }
    return out;
  };
  const auto kept = rows(
      "SELECT course_id, person_id, name, detail, uses FROM usage_tool_counts ORDER BY 1, 2, 3, 4");
  CHECK_FALSE(kept.empty());
  CHECK(kept == rows("SELECT course_id, person_id, name, detail, count(*) FROM usage_tools "
                     "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"));
}

void same_content(Store& a, Store& b) {
  for (const auto* table : k_tables) {
    INFO("table: " << table);
    const auto rows = a.dump(table);
    CHECK_FALSE(rows.empty());
    CHECK(rows == b.dump(table));
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
  const auto root = make_class(tree);
  Store serial, parallel;
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
  const auto root = make_class(tree);
  std::vector<std::pair<fs::path, std::string>> grown;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".jsonl" || e.file_size() < 100000) continue;
    grown.emplace_back(e.path(), "");
    cut_in_half(e.path(), grown.back().second);
  }
  REQUIRE(grown.size() >= 2);
  Store serial, parallel, whole;
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
  const auto calls = [](Store& s) {
    std::vector<std::string> out;
    SQLite::Statement q(s.db,
                        "SELECT call_key, total FROM usage_calls ORDER BY person_id, call_key");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString() + q.getColumn(1).getString());
    return out;
  };
  CHECK(calls(parallel) == calls(whole));
}

TEST_SUITE_END();
