#pragma once
// `usage stats`: claude-track's report, section by section, for one student,
// a course or every course.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/usage/daily.h"
#include "cs351/usage/prices.h"
#include "cs351/usage/query.h"

namespace cs351::usage {

struct Count {
  std::string name;
  std::int64_t n = 0;
};

struct ModelUse {
  std::string model;
  std::int64_t io_tokens = 0, sessions = 0;
};

struct ProjectUse {
  std::string project;  // home shortened to "~"; a worktree shows its own name
  std::int64_t calls = 0;
  bool worktree = false;  // listed under the project before it
};

struct Stats {
  std::string first_at;  // earliest imported activity
  std::int64_t sessions = 0, sessions_today = 0, seconds = 0;
  std::vector<ModelUse> models;
  Tokens tokens;
  double cache_hit_rate = 0;  // cache_read / (input + cache_creation + cache_read)
  std::int64_t prompts = 0, prompt_chars = 0, plans = 0, tool_calls = 0;
  std::int64_t slash_commands = 0;  // "/compact", "/clear": not among the prompts
  std::vector<Count> tools, files_read, bash_commands, activity;
  std::vector<ProjectUse> projects;
};

Stats compute_stats(SQLite::Database& db, const Filter& filter, const PriceTable& prices,
                    const Clock& clock = system_clock());

// The same report for each student with imported usage, in one pass: person id -> stats.
std::map<std::int64_t, Stats> compute_stats_by_student(SQLite::Database& db, const Filter& filter,
                                                       const PriceTable& prices,
                                                       const Clock& clock = system_clock());

// "/Users/ada/x" and "/home/ada/x" -> "~/x"; "C:\Users\ada\x" -> "~\x".
std::string shorten_home(const std::string& path);

// The project a cwd belongs to: {project, worktree name or ""}, for
// "<project>/.claude/worktrees/<name>/..." and "<project>\.claude-worktrees\<name>".
std::pair<std::string, std::string> split_worktree(const std::string& cwd);

}  // namespace cs351::usage
