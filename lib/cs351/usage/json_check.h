#pragma once
// Checking that a transcript line is well-formed JSON without building it:
// most of a transcript's bytes are lines whose only use is their session and
// time, and nlohmann's lexer copies every string it checks byte by byte.

#include <string_view>

namespace cs351::usage {

// Exactly nlohmann::json::accept: RFC 8259 JSON (a leading UTF-8 BOM allowed),
// well-formed UTF-8 in strings, paired surrogate escapes, finite numbers; a NUL byte after the
// value ends the text. Iterative, so any nesting depth is checked without recursion.
bool is_json(std::string_view text);

}  // namespace cs351::usage
