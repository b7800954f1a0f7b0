#pragma once
// Checking that a transcript line is well-formed JSON without building it:
// most of a transcript's bytes are lines whose only use is their session and
// time, and nlohmann's lexer copies every string it checks byte by byte.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace cs351::usage {

// Exactly nlohmann::json::accept: RFC 8259 JSON (a leading UTF-8 BOM allowed),
// well-formed UTF-8 in strings, paired surrogate escapes, finite numbers; a NUL byte after the
// value ends the text. Iterative, so any nesting depth is checked without recursion.
bool is_json(std::string_view text);

// A string that is_json looks for in the pass that checks the text, where a
// search of its own was a second pass over every byte. It must hold a quote
// right after a letter or digit: in JSON that quote can only close a string,
// so the needle is looked for only where a string closes.
struct Needle {
  static constexpr auto none = std::string_view::npos;
  constexpr explicit Needle(std::string_view t) : text(t), close(1) {
    while (close < t.size() && !(t[close] == '"' && is_alnum(t[close - 1]))) ++close;
    if (close >= 3 && close < t.size()) tail = four_bytes(t.data() + close - 3);
  }
  // Bytes p[0..3] as one number, to tell a needle's four bytes up to its quote at a glance.
  static constexpr std::uint32_t four_bytes(const char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
  }
  bool found() const { return first != none; }

  std::string_view text;
  std::size_t close;       // that quote's offset in `text` (its size if none: never found)
  std::uint32_t tail = 0;  // four_bytes up to that quote (when there are four)
  // Where the first and the last occurrence start, as a substring search
  // would tell for a text that is_json accepts.
  std::size_t first = none, last = none;

 private:
  static constexpr bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
};

// is_json, finding the needles on the way.
bool is_json(std::string_view text, std::span<Needle> needles);

}  // namespace cs351::usage
