#pragma once
// Small, forgiving accessors over parsed transcript lines: a missing field or
// a field of the wrong type reads as empty/zero, never throws.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace cs351::usage {

inline const nlohmann::json* field(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

inline std::string text_field(const nlohmann::json& j, const char* key) {
  const auto* v = field(j, key);
  return v && v->is_string() ? v->get<std::string>() : std::string{};
}

inline std::int64_t int_field(const nlohmann::json& j, const char* key) {
  const auto* v = field(j, key);
  if (!v || !v->is_number()) return 0;
  const auto n =
      v->is_number_float() ? static_cast<std::int64_t>(v->get<double>()) : v->get<std::int64_t>();
  return n < 0 ? 0 : n;
}

inline bool bool_field(const nlohmann::json& j, const char* key) {
  const auto* v = field(j, key);
  return v && v->is_boolean() && v->get<bool>();
}

// Characters, counting each UTF-8 code point once.
inline std::int64_t code_points(const std::string& s) {
  std::int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first word of a shell command ("git status" -> "git").
std::string first_word(const std::string& command);

}  // namespace cs351::usage
