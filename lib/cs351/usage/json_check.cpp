#include "cs351/usage/json_check.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cs351::usage {
namespace {

// Well-formed UTF-8 (RFC 3629, table 3-7 of Unicode): lead bytes, how many
// continuation bytes follow, and the range of the first one (the rest 80..BF).
struct Lead {
  int first, last, tail, lo, hi;
};
constexpr Lead k_leads[] = {{0xC2, 0xDF, 1, 0x80, 0xBF}, {0xE0, 0xE0, 2, 0xA0, 0xBF},
                            {0xE1, 0xEC, 2, 0x80, 0xBF}, {0xED, 0xED, 2, 0x80, 0x9F},
                            {0xEE, 0xEF, 2, 0x80, 0xBF}, {0xF0, 0xF0, 3, 0x90, 0xBF},
                            {0xF1, 0xF3, 3, 0x80, 0xBF}, {0xF4, 0xF4, 3, 0x80, 0x8F}};

constexpr std::size_t k_exact_digits = 18;  // more may overflow: checked as a double

class Checker {
 public:
  explicit Checker(std::string_view text, std::span<Needle> needles = {})
      : m_text(text), m_needles(needles) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_at = 3;
  }

  bool document() {
    std::vector<char> open;  // '{' or '[' of each container the cursor is in
    for (;;) {
      if (!value_start(open)) return false;
      if (!after_value(open)) return false;
      if (open.empty()) {
        skip_space();
        if (peek() > 0) return false;
        // nlohmann ends its input at a NUL byte too: what follows is searched as it is.
        if (peek() == 0) search_rest();
        return true;
      }
    }
  }

 private:
  int peek() const { return m_at < m_text.size() ? static_cast<unsigned char>(m_text[m_at]) : -1; }
  int next() { return m_at < m_text.size() ? static_cast<unsigned char>(m_text[m_at++]) : -1; }

  void skip_space() {
    while (m_at < m_text.size()) {
      const char c = m_text[m_at];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++m_at;
    }
  }

  // A scalar, or the opening of a container (then its first key when an
  // object); an empty container counts as a whole value.
  bool value_start(std::vector<char>& open) {
    for (;;) {
      skip_space();
      const int c = peek();
      if (c == '"') return string();
      if (c == '-' || (c >= '0' && c <= '9')) return number();
      if (c != '{' && c != '[') return literal("true") || literal("false") || literal("null");
      ++m_at;
      skip_space();
      if (peek() == (c == '{' ? '}' : ']')) {
        ++m_at;
        return true;
      }
      open.push_back(static_cast<char>(c));
      if (c == '{' && !key()) return false;
    }
  }

  // Closes finished containers; stops after a comma (and the next key), with
  // the cursor at the next value, or when no container is left open.
  bool after_value(std::vector<char>& open) {
    while (!open.empty()) {
      skip_space();
      const int c = next();
      if (c == ',') return open.back() == '[' || key();
      if (c != (open.back() == '{' ? '}' : ']')) return false;
      open.pop_back();
    }
    return true;
  }

  bool key() {
    skip_space();
    if (peek() != '"' || !string()) return false;
    skip_space();
    return next() == ':';
  }

  bool literal(std::string_view word) {
    if (m_text.substr(m_at, word.size()) != word) return false;
    m_at += word.size();
    return true;
  }

  // Plain printable ASCII, the bulk of a string, needs no check beyond itself.
  // The bytes that end it (control, non-ASCII, '"', '\\') are marked 64 at a
  // time, one bit each, and the marks kept: a transcript has a quote every
  // ~17 bytes, so one block serves several strings instead of being read anew
  // for each.
  void skip_plain() {
    for (;;) {
      if (m_at >= m_block_end) mark_block();
      const auto ahead = m_marks >> (m_at - m_block);
      if (ahead) {
        m_at += static_cast<std::size_t>(__builtin_ctzll(ahead));
        return;
      }
      m_at = m_block_end;
    }
  }

  // Marks the block from m_at; past the text's end every byte counts as a
  // control byte, so a scan stops at the end.
  void mark_block() {
    m_block = m_at;
    m_block_end = m_at + k_block;
    const auto* p = reinterpret_cast<const unsigned char*>(m_text.data()) + m_at;
    std::array<unsigned char, k_block> tail{};
    if (m_text.size() - m_at < k_block) {
      std::memcpy(tail.data(), p, m_text.size() - m_at);
      p = tail.data();
    }
    m_marks = 0;
#if defined(__SSE2__)
    for (std::size_t i = 0; i < k_block; i += 16) {
      const auto v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      // Signed, bytes from 0x80 are negative: one compare finds both ends.
      const auto outside = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
      const auto quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
      const auto slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
      const auto bits = _mm_movemask_epi8(_mm_or_si128(outside, _mm_or_si128(quote, slash)));
      m_marks |= static_cast<std::uint64_t>(static_cast<unsigned>(bits)) << i;
    }
#else
    for (std::size_t i = 0; i < k_block; ++i) {
      const auto b = p[i];
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') m_marks |= std::uint64_t{1} << i;
    }
#endif
  }

  bool string() {
    ++m_at;  // the opening quote
    for (;;) {
      skip_plain();
      const int c = next();
      if (c == '"') {
        if (!m_needles.empty()) find_needles();
        return true;
      }
      if (c < 0x20) return false;  // end of text or a control character
      if (c == '\\') {
        if (!escape()) return false;
      } else if (c >= 0x80 && !utf8_tail(c)) {
        return false;
      }
    }
  }

  // Which needles have their closing quote at the one just passed: the four
  // bytes up to it rule out nearly every string before a needle is compared.
  void find_needles() {
    const auto quote = m_at - 1;
    for (auto& n : m_needles) {
      if (quote < n.close || n.close == n.text.size()) continue;
      if (n.close >= 3 && Needle::four_bytes(m_text.data() + quote - 3) != n.tail) continue;
      const auto from = quote - n.close;
      if (m_text.compare(from, n.text.size(), n.text) != 0) continue;
      if (n.first == Needle::none) n.first = from;
      n.last = from;
    }
  }

  void search_rest() {
    for (auto& n : m_needles) {
      for (auto at = m_text.find(n.text, m_at); at != std::string_view::npos;
           at = m_text.find(n.text, at + 1)) {
        if (n.first == Needle::none) n.first = at;
        n.last = at;
      }
    }
  }

  int hex4() {
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = next();
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  bool escape() {
    const int c = next();
    switch (c) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    const int high = hex4();
    if (high < 0 || (high >= 0xDC00 && high <= 0xDFFF)) return false;
    if (high < 0xD800 || high > 0xDBFF) return true;
    if (next() != '\\' || next() != 'u') return false;
    const int low = hex4();
    return low >= 0xDC00 && low <= 0xDFFF;
  }

  // The continuation bytes of a UTF-8 sequence led by `lead`.
  bool utf8_tail(int lead) {
    for (const auto& l : k_leads) {
      if (lead < l.first || lead > l.last) continue;
      int lo = l.lo, hi = l.hi;
      for (int i = 0; i < l.tail; ++i, lo = 0x80, hi = 0xBF) {
        const int c = next();
        if (c < lo || c > hi) return false;
      }
      return true;
    }
    return false;
  }

  std::size_t digits() {
    const auto from = m_at;
    while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9') ++m_at;
    return m_at - from;
  }

  bool number() {
    const auto from = m_at;
    if (peek() == '-') ++m_at;
    if (peek() == '0') {
      ++m_at;
    } else if (digits() == 0) {
      return false;
    }
    bool exact = m_at - from <= k_exact_digits;
    if (peek() == '.') {
      ++m_at;
      if (digits() == 0) return false;
      exact = false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_at;
      if (peek() == '+' || peek() == '-') ++m_at;
      if (digits() == 0) return false;
      exact = false;
    }
    // nlohmann rejects a number that overflows a double ("1e999").
    return exact || std::isfinite(std::strtod(std::string(m_text.substr(from, m_at - from)).c_str(),
                                              nullptr));
  }

  std::string_view m_text;
  std::span<Needle> m_needles;
  std::size_t m_at = 0;
  static constexpr std::size_t k_block = 64;
  std::size_t m_block = 0, m_block_end = 0;  // the marked block (none yet)
  std::uint64_t m_marks = 0;
};

}  // namespace

bool is_json(std::string_view text) {
  return Checker(text).document();
}

bool is_json(std::string_view text, std::span<Needle> needles) {
  return Checker(text, needles).document();
}

}  // namespace cs351::usage
