#pragma once
// `usage daily`: one row per (day, student, agent, model), as ccusage's daily
// view per student.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/usage/prices.h"
#include "cs351/usage/query.h"

namespace cs351::usage {

struct Tokens {
  std::int64_t api_calls = 0, input = 0, output = 0, cache_creation = 0, cache_read = 0;
  double cost = 0;
  std::vector<std::string> unpriced;  // models without a price (cost leaves them out)

  void add(const ApiCall& call, const PriceTable& prices);
};

struct DailyRow {
  std::string date, student, agent, model;
  Tokens tokens;
};

// Model names carry "-fast" for fast-mode calls, as ccusage reports them.
std::vector<DailyRow> daily(SQLite::Database& db, const Filter& filter, const PriceTable& prices);

}  // namespace cs351::usage
