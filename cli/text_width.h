#pragma once
// How wide UTF-8 text is on a terminal: East Asian wide and fullwidth characters
// take two cells, combining marks none. Tables align and truncate by this, not by bytes.

#include <cstddef>
#include <string>

namespace cs351::cli {

std::size_t display_width(const std::string& text);

// `text` cut to at most `width` cells, ending in "…" when anything was cut.
std::string truncate_to_width(const std::string& text, std::size_t width);

}  // namespace cs351::cli
