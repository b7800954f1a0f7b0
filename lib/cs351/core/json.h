#pragma once
// The one way cs351 parses JSON it did not build itself. nlohmann's dump(), comparison and
// copy recurse once per nesting level, so a document nested thousands deep (a grader's
// results.json, a roster, a page) would overflow the stack long after parsing; anything nested
// deeper than k_max_json_depth is refused before it is parsed.

#include <nlohmann/json.hpp>
#include <string_view>

namespace cs351 {

inline constexpr int k_max_json_depth = 100;

// The document, or a discarded value (is_discarded()) when `text` is not JSON or nests arrays
// and objects deeper than k_max_json_depth.
nlohmann::json parse_json(std::string_view text);

}  // namespace cs351
