#pragma once
// Email addresses as roster keys: compared case-insensitively, stored lower-case.

#include <string>
#include <string_view>

namespace cs351::roster {

// Trimmed and lower-cased (ASCII; non-ASCII bytes are kept as they are).
std::string normalize_email(std::string_view raw);

// A pragmatic check for roster data: one '@', a non-empty local part without
// spaces or control characters, and a dotted domain of non-empty labels.
// Returns the reason it is invalid, or an empty string when it is fine.
std::string email_problem(std::string_view email);

}  // namespace cs351::roster
