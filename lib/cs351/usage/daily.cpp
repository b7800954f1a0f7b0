#include "cs351/usage/daily.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace cs351::usage {

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<std::int64_t>::max()
               : std::numeric_limits<std::int64_t>::min();
}

void Tokens::add(const ApiCall& call, const PriceTable& prices) {
  ++api_calls;
  input = saturating_add(input, call.input);
  output = saturating_add(output, call.output);
  cache_creation = saturating_add(cache_creation, call.cache_creation());
  cache_read = saturating_add(cache_read, call.cache_read);
  if (const auto c = prices.cost(call)) {
    cost += *c;
  } else if (std::find(unpriced.begin(), unpriced.end(), call.model) == unpriced.end()) {
    unpriced.push_back(call.model);
  }
}

std::vector<DailyRow> daily(SQLite::Database& db, const Filter& filter, const PriceTable& prices) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, Tokens> rows;
  for_each_call(db, filter, [&](const CallRow& r) {
    const auto model = r.call.fast ? r.call.model + "-fast" : r.call.model;
    rows[{r.day, r.student, r.agent, model}].add(r.call, prices);
  });
  std::vector<DailyRow> out;
  out.reserve(rows.size());
  for (auto& [k, t] : rows)
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::move(t)});
  return out;
}

}  // namespace cs351::usage
