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

// a + b, held at the int64 limits instead of wrapping: a sum of token counts never turns
// negative, however many (or however crafted) the calls.
std::int64_t saturating_add(std::int64_t a, std::int64_t b);

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
