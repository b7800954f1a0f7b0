#pragma once
// Finding one thing the way people name it: by an id, by its exact name, or by
// a unique case-insensitive prefix of a name ("HW1" for "HW1: MapReduce").
// Pure: the caller gathers the candidates; this only picks.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351 {

struct NamedThing {
  std::string label;               // how errors and listings show it
  std::vector<std::string> ids;    // matched exactly ("8255863", "hw1")
  std::vector<std::string> names;  // matched ignoring ASCII case, whole or by prefix
};

struct NameQuery {
  std::string kind;   // "assignment", "course"
  std::string scope;  // where it was looked for ("CS351-S26"); may be empty
  std::string hint;   // how to add one, said when nothing matches; may be empty
};

// The index of the one candidate `wanted` names. Tiers, first that matches wins:
// an exact id; a name equal ignoring case; a prefix ending at a word boundary
// ("HW1" for "HW1: MapReduce" even when "HW10: Spark" exists); any prefix.
// Within a tier more than one match is a usage Error (exit 2) listing them.
// Nullopt when nothing matches.
std::optional<std::size_t> find_named(const std::vector<NamedThing>& candidates,
                                      std::string_view wanted, const NameQuery& query);

// Like find_named, but no match is a data Error (exit 65) listing what there is.
std::size_t pick_named(const std::vector<NamedThing>& candidates, std::string_view wanted,
                       const NameQuery& query);

}  // namespace cs351
