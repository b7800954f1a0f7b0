#pragma once
// Per-token prices by model (a data file shipped in the binary, with its date
// and source; `usage.prices` adds or replaces models) and the cost of a call
// as ccusage computes it.

#include <map>
#include <optional>
#include <string>

#include "cs351/core/config.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {

struct Rates {
  double input = 0, output = 0, cache_write_5m = 0, cache_write_1h = 0, cache_read = 0;
};

struct Price {
  Rates base;
  std::optional<Rates> above_200k;  // per kind, for the tokens of one call beyond 200k
  double fast_multiplier = 1;
};

class PriceTable {
 public:
  // Parses the table's JSON text; throws a data Error naming `origin` when malformed.
  static PriceTable parse(const std::string& json_text, const std::string& origin);
  // The shipped table, with the file named by `usage.prices` laid over it.
  static PriceTable load(const Config& config);

  // Exact name (without a provider prefix such as "anthropic/"), then its
  // dated release ("claude-sonnet-4" -> "claude-sonnet-4-20250514"), then the
  // longest known name that starts the model's name.
  const Price* find(const std::string& model) const;
  // nullopt when the model has no price (reported, never priced at zero).
  // A cost written in the transcript (costUSD) wins, as in ccusage.
  std::optional<double> cost(const ApiCall& call) const;

  const std::string& date() const { return m_date; }
  const std::string& source() const { return m_source; }

 private:
  std::map<std::string, Price, std::less<>> m_models;  // found by string_view
  std::string m_date, m_source;
};

// The shipped table's JSON text (lib/cs351/usage/prices.json, embedded at build time).
const char* shipped_prices_json();

}  // namespace cs351::usage
