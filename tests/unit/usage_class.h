#pragma once
// Usage unit tests' class: a folder of real transcripts for two students, and
// a store with their course and roster to import it into.

#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"
#include "cs351/roster/roster_import.h"
#include "cs351/usage/import.h"
#include "support.h"

namespace cs351::test {

// One sub-folder per student (C1's roster), with transcripts of both agents.
inline std::filesystem::path make_usage_class(const ScratchDir& dir) {
  namespace fs = std::filesystem;
  const auto root = dir / "class";
  const auto copy = [&](const char* email, const char* fixture, const char* as) {
    fs::create_directories(root / email / as);
    fs::copy(fixture_path(fixture), root / email / as, fs::copy_options::recursive);
  };
  copy("ada@example.edu", "usage/claude/spotter/projects", "projects");
  copy("ada@example.edu", "usage/codex/localpush/sessions", "sessions");
  copy("alan@example.edu", "usage/claude/sniffly-ai-music/projects", "projects");
  copy("alan@example.edu", "usage/claude/ccusage/projects", "more/projects");
  copy("alan@example.edu", "usage/claude/claude-code-log/projects", "log/projects");
  return root;
}

struct UsageStore {
  ScratchDir dir;
  std::unique_ptr<store::Store> store = open_test_store(dir);
  SQLite::Database& db = store->db();
  ManualClock clock{*parse_time("2026-03-01T12:00:00Z")};

  UsageStore() {
    roster::add_course(db, {"C1", {}, {}, {}});
    roster::import_roster(db, "C1",
                          "email,name,role,status\nada@example.edu,Ada,student,enrolled\n"
                          "alan@example.edu,Alan,student,enrolled\n",
                          {});
  }

  usage::ImportSummary import(const std::filesystem::path& path, unsigned workers) {
    usage::ImportOptions o;
    o.paths = {path.string()};
    o.course = "C1";
    o.workers = workers;
    return usage::import_usage(db, o, clock);
  }

  // Each row of `sql` as its columns' text joined by '|'.
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      std::string row;
      for (int i = 0; i < q.getColumnCount(); ++i) row += q.getColumn(i).getString() + '|';
      out.push_back(row);
    }
    return out;
  }
};

}  // namespace cs351::test
