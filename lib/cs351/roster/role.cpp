#include "cs351/roster/role.h"

namespace cs351::roster {

const char* role_name(Role role) {
  switch (role) {
    case Role::student:
      return "student";
    case Role::ta:
      return "ta";
    case Role::instructor:
      return "instructor";
    case Role::reader:
      break;
  }
  return "reader";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const Role r : {Role::student, Role::ta, Role::instructor, Role::reader}) {
    if (name == role_name(r)) return r;
  }
  return std::nullopt;
}

bool is_staff(std::string_view name) {
  return parse_role(name) != Role::student;
}

}  // namespace cs351::roster
