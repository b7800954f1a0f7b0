#include "cs351/core/name_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351 {
namespace {

using Test = std::function<bool(const NamedThing&)>;

bool any_of(const std::vector<std::string>& values, const std::function<bool(std::string)>& f) {
  return std::any_of(values.begin(), values.end(), f);
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string where(const NameQuery& q) {
  return q.scope.empty() ? std::string() : " in " + q.scope;
}

std::string labels(const std::vector<NamedThing>& candidates, const std::vector<std::size_t>& at) {
  std::string out;
  for (auto i : at) out += "\n  " + candidates[i].label;
  return out;
}

}  // namespace

std::optional<std::size_t> find_named(const std::vector<NamedThing>& candidates,
                                      std::string_view wanted_raw, const NameQuery& query) {
  const std::string wanted(trim(wanted_raw));
  const std::string lower = to_lower_ascii(wanted);
  const auto prefix_of = [&](const std::string& name, bool at_boundary) {
    const auto n = to_lower_ascii(name);
    if (lower.empty() || n.size() <= lower.size() || n.compare(0, lower.size(), lower) != 0)
      return false;
    return !at_boundary || !is_word_char(n[lower.size()]) || !is_word_char(n[lower.size() - 1]);
  };
  const std::vector<Test> tiers{
      [&](const NamedThing& c) { return any_of(c.ids, [&](auto id) { return id == wanted; }); },
      [&](const NamedThing& c) {
        return any_of(c.names, [&](auto n) { return to_lower_ascii(n) == lower; });
      },
      [&](const NamedThing& c) {
        return any_of(c.names, [&](auto n) { return prefix_of(n, true); });
      },
      [&](const NamedThing& c) {
        return any_of(c.names, [&](auto n) { return prefix_of(n, false); });
      },
  };
  for (const auto& test : tiers) {
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (test(candidates[i])) hits.push_back(i);
    if (hits.size() == 1) return hits.front();
    if (hits.size() > 1) {
      throw usage_error(fmt::format("'{}' matches {} {}s{}:{}\nname one exactly, or by its id",
                                    wanted, hits.size(), query.kind, where(query),
                                    labels(candidates, hits)));
    }
  }
  return std::nullopt;
}

std::size_t pick_named(const std::vector<NamedThing>& candidates, std::string_view wanted,
                       const NameQuery& query) {
  if (auto found = find_named(candidates, wanted, query)) return *found;
  std::string known;
  for (const auto& c : candidates) known += (known.empty() ? "" : ", ") + c.label;
  throw data_error(fmt::format("no {} '{}'{} ({}){}", query.kind, trim(wanted), where(query),
                               known.empty() ? "none yet" : "known: " + known,
                               query.hint.empty() ? "" : "; " + query.hint));
}

}  // namespace cs351
