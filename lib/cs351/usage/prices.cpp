#include "cs351/usage/prices.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cs351/core/error.h"
#include "cs351/usage/settings.h"

namespace cs351::usage {
namespace {

using nlohmann::json;

constexpr std::int64_t k_tier_threshold = 200'000;

Rates read_rates(const json& j, const Rates& fallback) {
  auto rate = [&](const char* key, double fb) {
    const auto it = j.find(key);
    if (it == j.end()) return fb;
    if (!it->is_number() || it->get<double>() < 0)
      throw data_error(fmt::format("price '{}' must be a non-negative number", key));
    return it->get<double>();
  };
  Rates r;
  r.input = rate("input", fallback.input);
  r.output = rate("output", fallback.output);
  r.cache_read = rate("cache_read", fallback.cache_read);
  r.cache_write_5m = rate("cache_write_5m", fallback.cache_write_5m);
  r.cache_write_1h = rate("cache_write_1h", fallback.cache_write_1h);
  return r;
}

Price read_price(const json& j) {
  if (!j.is_object()) throw data_error("each model's price must be an object");
  Price p;
  p.base = read_rates(j, {});
  if (const auto it = j.find("above_200k"); it != j.end()) p.above_200k = read_rates(*it, p.base);
  if (const auto it = j.find("fast_multiplier"); it != j.end() && it->is_number())
    p.fast_multiplier = it->get<double>();
  return p;
}

double tiered(std::int64_t tokens, double base, std::optional<double> above) {
  if (tokens <= 0) return 0;
  if (above && tokens > k_tier_threshold)
    return static_cast<double>(k_tier_threshold) * base +
           static_cast<double>(tokens - k_tier_threshold) * *above;
  return static_cast<double>(tokens) * base;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw config_error(fmt::format("usage.prices: cannot read {}", path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

PriceTable PriceTable::parse(const std::string& json_text, const std::string& origin) {
  const auto j = json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("models") || !j["models"].is_object())
    throw data_error(fmt::format("{}: not a price table (a JSON object with \"models\")", origin));
  PriceTable t;
  t.m_date = j.value("date", "");
  t.m_source = j.value("source", "");
  for (const auto& [model, price] : j["models"].items()) {
    try {
      t.m_models[model] = read_price(price);
    } catch (const Error& e) {
      throw data_error(fmt::format("{}: model {}: {}", origin, model, e.what()));
    }
  }
  return t;
}

PriceTable PriceTable::load(const Config& config) {
  auto table = parse(shipped_prices_json(), "shipped price table");
  if (const auto path = config.get(keys::prices); path && !path->empty()) {
    const auto extra = parse(read_file(*path), path->string());
    for (const auto& [model, price] : extra.m_models) table.m_models[model] = price;
    table.m_source += fmt::format("; overrides from {} ({})", path->string(), extra.m_date);
  }
  return table;
}

const Price* PriceTable::find(const std::string& model) const {
  // The exact name first, without copying it: reports price every call.
  std::string_view exact = model;
  if (const auto slash = exact.rfind('/'); slash != std::string_view::npos)
    exact.remove_prefix(slash + 1);
  if (const auto it = m_models.find(exact); it != m_models.end()) return &it->second;
  const std::string name(exact);
  // "claude-sonnet-4" names the dated release "claude-sonnet-4-20250514".
  for (auto it = m_models.lower_bound(name + "-"); it != m_models.end(); ++it) {
    const auto& known = it->first;
    if (known.compare(0, name.size() + 1, name + "-") != 0) break;
    const auto rest = known.substr(name.size() + 1);
    if (rest.size() == 8 && rest.find_first_not_of("0123456789") == std::string::npos)
      return &it->second;
  }
  const Price* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [known, price] : m_models) {
    if (name.compare(0, known.size(), known) == 0 && known.size() > best_len) {
      best = &price;
      best_len = known.size();
    }
  }
  return best;
}

std::optional<double> PriceTable::cost(const ApiCall& call) const {
  if (call.recorded_cost) return call.recorded_cost;
  const auto* p = find(call.model);
  if (!p) return std::nullopt;
  const auto& b = p->base;
  const auto above = [&](double Rates::*kind) -> std::optional<double> {
    if (!p->above_200k) return std::nullopt;
    return (*p->above_200k).*kind;
  };
  const double sum = tiered(call.input, b.input, above(&Rates::input)) +
                     tiered(call.output, b.output, above(&Rates::output)) +
                     tiered(call.cache_write_5m, b.cache_write_5m, above(&Rates::cache_write_5m)) +
                     tiered(call.cache_write_1h, b.cache_write_1h, above(&Rates::cache_write_1h)) +
                     tiered(call.cache_read, b.cache_read, above(&Rates::cache_read));
  return call.fast ? sum * p->fast_multiplier : sum;
}

}  // namespace cs351::usage
