#pragma once
// GET /courses/{c}/memberships: Gradescope's roster table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::gradescope {

struct MemberRow {
  std::string email;  // lower-case
  std::string name, first_name, last_name, sid;
  std::string role;  // student | instructor | ta | reader
  std::vector<std::string> sections;
  std::string membership_id;           // data-id of the edit button
  std::optional<std::string> user_id;  // from the gradebook link (student rows only)
};

// Throws PageStructureError when the table, its rows, or a row's edit button
// with its data-* attributes is missing. A course always has a member, so an
// empty table is an error too, never "zero students". A member listed twice is a data Error.
std::vector<MemberRow> parse_memberships(std::string_view html, const std::string& page);

}  // namespace cs351::gradescope
