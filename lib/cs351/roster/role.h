#pragma once
// The roles an enrollment can have, as an enum: code branches on these, not on
// the strings the store keeps ("student", "ta", "instructor", "reader").

#include <optional>
#include <string_view>

namespace cs351::roster {

enum class Role { student, ta, instructor, reader };

// As stored: "student", "ta", "instructor", "reader".
const char* role_name(Role role);
// A stored role name back to the Role; nullopt for anything else.
std::optional<Role> parse_role(std::string_view name);
// Course staff: every role but student (an unknown role counts as staff: never a student).
bool is_staff(std::string_view name);

}  // namespace cs351::roster
