#include "cli/text_width.h"

#include <array>
#include <utility>

namespace cs351::cli {
namespace {

// The wide (W) and fullwidth (F) ranges of Unicode's East Asian Width property that
// staff names and titles meet: Hangul, CJK, kana, fullwidth forms, emoji.
constexpr std::array<std::pair<char32_t, char32_t>, 14> k_wide{{
    {0x1100, 0x115F},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF},
    {0x20000, 0x3FFFD},
}};

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0xFE00 && c <= 0xFE0F);
}

std::size_t code_point_width(char32_t c) {
  if (is_combining(c)) return 0;
  for (const auto& [low, high] : k_wide) {
    if (c >= low && c <= high) return 2;
  }
  return 1;
}

// Decodes the code point starting at text[i] and advances i past it; a stray
// byte of broken UTF-8 counts as one narrow character.
char32_t next_code_point(const std::string& text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t c = extra == 0 ? lead : lead & (0x3F >> extra);
  std::size_t j = i + 1;
  for (int k = 0; k < extra && j < text.size(); ++k, ++j) {
    const auto b = static_cast<unsigned char>(text[j]);
    if ((b & 0xC0) != 0x80) break;
    c = (c << 6) | (b & 0x3F);
  }
  i = j;
  return c;
}

}  // namespace

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += code_point_width(next_code_point(text, i));
  return width;
}

std::string truncate_to_width(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  if (width == 0) return "";
  std::size_t used = 0, i = 0;
  while (i < text.size()) {
    std::size_t next = i;
    const auto w = code_point_width(next_code_point(text, next));
    if (used + w > width - 1) break;  // keep one cell for the ellipsis
    used += w;
    i = next;
  }
  return text.substr(0, i) + "…";
}

}  // namespace cs351::cli
