#pragma once
// Sizes as staff write them in config: "768M", "2G", "512K", "1048576" (bytes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cs351 {

// "768M", "2G", "512K", "1048576" -> bytes; nullopt when malformed.
std::optional<std::uint64_t> parse_size(std::string_view text);

// Bytes as staff write them ("768M" when exact, else plain bytes).
std::string format_size(std::uint64_t bytes);

}  // namespace cs351
