#pragma once
// Reading a few fields out of a transcript line without building it: a view
// is a span of the line's text, and a value is decoded only when asked for.
// Assistant lines carry whole replies (text, thinking, tool inputs), of which
// a call needs a dozen small fields; building nlohmann's tree copied them all.
// Only for text that `is_json` accepted; it then reads exactly what
// nlohmann::json::parse would (the last of duplicate keys, escapes decoded,
// numbers converted the same way).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::usage {

class JsonView {
 public:
  JsonView() = default;  // a missing value
  // One whole JSON value (surrounding white space allowed).
  explicit JsonView(std::string_view text);

  explicit operator bool() const { return !m_raw.empty(); }
  bool is_object() const { return first() == '{'; }
  bool is_array() const { return first() == '['; }
  bool is_string() const { return first() == '"'; }
  bool is_number() const { return first() == '-' || (first() >= '0' && first() <= '9'); }
  bool is_true() const { return first() == 't'; }

  // A member of an object (missing when absent or not an object). The first
  // lookup indexes the object's members once.
  JsonView operator[](std::string_view key) const;
  // An array's elements in order (none when not an array).
  std::vector<JsonView> elements() const;

  // The decoded string (empty when not a string).
  std::string string() const;
  // As nlohmann's get<double>() of a number.
  double number() const;
  // As get<std::int64_t>() of a number: a fraction or exponent makes it a
  // double first, then saturate(); an integer past int64 wraps as there.
  std::int64_t integer() const;
  // The integer a double stands for, clamped to the int64 range.
  static std::int64_t saturate(double d);

 private:
  struct Member {
    std::string_view key, value;  // raw: the key without its quotes
  };
  char first() const { return m_raw.empty() ? '\0' : m_raw.front(); }
  void index() const;

  std::string_view m_raw;
  mutable std::vector<Member> m_members;
  mutable bool m_indexed = false;
};

// The forgiving accessors of json_fields.h, over a view.
inline JsonView field(const JsonView& j, std::string_view key) {
  return j[key];
}
std::string text_field(const JsonView& j, std::string_view key);
std::int64_t int_field(const JsonView& j, std::string_view key);
bool bool_field(const JsonView& j, std::string_view key);

}  // namespace cs351::usage
