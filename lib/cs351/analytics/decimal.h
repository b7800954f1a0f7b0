#pragma once
// Reading numbers from CSV cells: locale-independent, whole cell, finite.

#include <optional>
#include <string_view>

namespace cs351::analytics {

// The number in `text` (surrounding blanks ignored), or nullopt for anything
// else: trailing junk, NaN, infinity, empty.
std::optional<double> parse_decimal(std::string_view text);

}  // namespace cs351::analytics
