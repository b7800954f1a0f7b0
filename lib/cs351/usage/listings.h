#pragma once
// `usage sessions` (ccusage's session view, per student; sub-agents count in
// their parent session) and `usage students` (one row per student).

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/usage/daily.h"
#include "cs351/usage/prices.h"
#include "cs351/usage/query.h"

namespace cs351::usage {

struct SessionRow {
  std::string student, agent, session_id, project, first_at, last_at;
  std::vector<std::string> models;
  Tokens tokens;
};

// Ordered by first call.
std::vector<SessionRow> sessions(SQLite::Database& db, const Filter& filter,
                                 const PriceTable& prices);

struct StudentRow {
  std::string student;
  std::int64_t sessions = 0, prompts = 0, plans = 0, tool_calls = 0;
  double active_hours = 0, cache_hit_rate = 0;
  Tokens tokens;
  std::string top_tool;
};

// Every enrolled student of the course (those without transcripts show zeros).
std::vector<StudentRow> students(SQLite::Database& db, const Filter& filter,
                                 const PriceTable& prices, const Clock& clock = system_clock());

// The value at quantile q (0..1) by linear interpolation; 0 for no values.
double quantile(std::vector<double> values, double q);

}  // namespace cs351::usage
