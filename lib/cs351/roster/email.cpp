#include "cs351/roster/email.h"

#include "cs351/core/text.h"

namespace cs351::roster {

std::string normalize_email(std::string_view raw) {
  return to_lower_ascii(trim(raw));
}

std::string email_problem(std::string_view email) {
  if (email.empty()) return "missing email";
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) return "email contains a space or control character";
    if (c == ',' || c == ';' || c == '<' || c == '>' || c == '"')
      return "email contains a forbidden character";
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return "email must contain exactly one '@'";
  }
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return "email has an empty or over-long local part";
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos)
    return "email domain has no dot";
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return "email has an empty label (leading, trailing or double dot)";
  }
  if (email.size() > 254) return "email is longer than 254 characters";
  return {};
}

}  // namespace cs351::roster
