#include "cs351/usage/json_view.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>

namespace cs351::usage {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view t, std::size_t at) {
  while (at < t.size() && is_space(t[at])) ++at;
  return at;
}

// Past the closing quote of the string whose opening quote is at `at`.
std::size_t skip_string(std::string_view t, std::size_t at) {
  for (std::size_t from = at + 1;;) {
    const auto* q = static_cast<const char*>(std::memchr(t.data() + from, '"', t.size() - from));
    if (!q) return t.size();
    const auto end = static_cast<std::size_t>(q - t.data());
    std::size_t slashes = 0;
    while (end - slashes > at + 1 && t[end - slashes - 1] == '\\') ++slashes;
    if (slashes % 2 == 0) return end + 1;
    from = end + 1;
  }
}

// Past the value that starts at `at`.
std::size_t skip_value(std::string_view t, std::size_t at) {
  const char c = t[at];
  if (c == '"') return skip_string(t, at);
  if (c != '{' && c != '[') {
    while (at < t.size() && t[at] != ',' && t[at] != ']' && t[at] != '}' && !is_space(t[at])) ++at;
    return at;
  }
  int depth = 0;
  while (at < t.size()) {
    const char d = t[at];
    if (d == '"') {
      at = skip_string(t, at);
      continue;
    }
    if (d == '{' || d == '[') ++depth;
    if ((d == '}' || d == ']') && --depth == 0) return at + 1;
    ++at;
  }
  return at;
}

// Calls `fn(key, value)` for each member of the object (or each element of the
// array, with an empty key) whose opening bracket starts `t`.
template <typename Fn>
void each_child(std::string_view t, Fn&& fn) {
  const bool object = t.front() == '{';
  std::size_t at = skip_space(t, 1);
  while (at < t.size() && t[at] != '}' && t[at] != ']') {
    std::string_view key;
    if (object) {
      const auto end = skip_string(t, at);
      key = t.substr(at + 1, end - at - 2);
      at = skip_space(t, skip_space(t, end) + 1);  // past the colon
    }
    const auto end = skip_value(t, at);
    fn(key, t.substr(at, end - at));
    at = skip_space(t, end);
    if (at < t.size() && t[at] == ',') at = skip_space(t, at + 1);
  }
}

unsigned hex4(std::string_view s) {
  unsigned v = 0;
  for (char c : s.substr(0, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<unsigned>(c - 'a' + 10);
    else
      v |= static_cast<unsigned>(c - 'A' + 10);
  }
  return v;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The text between the quotes, escapes decoded (is_json checked them).
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto slash = s.find('\\', i);
    out.append(s.substr(i, slash - i));
    if (slash == std::string_view::npos) break;
    const char e = s[slash + 1];
    i = slash + 2;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned cp = hex4(s.substr(i));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate: its pair follows
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(s.substr(i + 2)) - 0xDC00);
          i += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default:
        out += e;  // " \ /
    }
  }
  return out;
}

bool is_integer_text(std::string_view s) {
  return s.find_first_of(".eE") == std::string_view::npos;
}

}  // namespace

JsonView::JsonView(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM, as is_json allows
  const auto b = skip_space(text, 0);
  auto e = text.size();
  while (e > b && is_space(text[e - 1])) --e;
  m_raw = text.substr(b, e - b);
}

void JsonView::index() const {
  m_indexed = true;
  if (!is_object()) return;
  m_members.reserve(16);  // a transcript line's objects have up to ~20 members: few regrowths
  each_child(m_raw, [this](std::string_view key, std::string_view value) {
    m_members.push_back({key, value});
  });
}

JsonView JsonView::operator[](std::string_view key) const {
  if (!m_indexed) index();
  // nlohmann keeps the last of duplicate keys; a key with escapes is compared decoded.
  for (auto it = m_members.rbegin(); it != m_members.rend(); ++it) {
    const auto raw = it->key;
    if (raw == key || (raw.find('\\') != std::string_view::npos && unescape(raw) == key))
      return JsonView(it->value);
  }
  return {};
}

std::vector<JsonView> JsonView::elements() const {
  std::vector<JsonView> out;
  if (is_array())
    each_child(m_raw, [&out](std::string_view, std::string_view v) { out.emplace_back(v); });
  return out;
}

std::string JsonView::string() const {
  if (!is_string()) return {};
  return unescape(m_raw.substr(1, m_raw.size() - 2));
}

double JsonView::number() const {
  double d = 0;
  std::from_chars(m_raw.data(), m_raw.data() + m_raw.size(), d);
  return d;
}

// A hostile line may carry 1e300 or NaN as a token count; casting that is
// undefined, so it is clamped to the int64 range (NaN reads as 0).
std::int64_t JsonView::saturate(double d) {
  constexpr double limit = 9223372036854775808.0;  // 2^63
  if (!(d == d)) return 0;
  if (d >= limit) return std::numeric_limits<std::int64_t>::max();
  if (d < -limit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(d);
}

// nlohmann reads an integer as unsigned (or signed when negative) and falls
// back to a double when it does not fit.
std::int64_t JsonView::integer() const {
  const auto* b = m_raw.data();
  const auto* e = b + m_raw.size();
  if (is_integer_text(m_raw)) {
    if (m_raw.front() == '-') {
      std::int64_t v = 0;
      if (std::from_chars(b, e, v).ec == std::errc{}) return v;
    } else {
      std::uint64_t v = 0;
      if (std::from_chars(b, e, v).ec == std::errc{}) return static_cast<std::int64_t>(v);
    }
  }
  return saturate(number());
}

std::string text_field(const JsonView& j, std::string_view key) {
  return j[key].string();
}

std::int64_t int_field(const JsonView& j, std::string_view key) {
  const auto v = j[key];
  if (!v.is_number()) return 0;
  const auto n = v.integer();
  return n < 0 ? 0 : n;
}

bool bool_field(const JsonView& j, std::string_view key) {
  return j[key].is_true();
}

}  // namespace cs351::usage
