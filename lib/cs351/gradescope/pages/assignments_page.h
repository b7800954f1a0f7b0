#pragma once
// GET /courses/{c}/assignments (instructor view): the AssignmentsTable React props.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::gradescope {

struct AssignmentRow {
  std::string id;  // "8255863" (from "assignment_8255863")
  std::string title;
  std::optional<double> total_points;
  // Course-local wall times "YYYY-MM-DDTHH:MM" exactly as served (no offset); nullopt when null.
  std::optional<std::string> release_date, due_date, hard_due_date;
  bool published = false;
};

// Keeps rows of type "assignment" only (containers and sections are layout).
// Throws PageStructureError when the component, its props or `table_data` is
// missing, or a row lacks `id`/`title`.
std::vector<AssignmentRow> parse_assignments(std::string_view html, const std::string& page);

}  // namespace cs351::gradescope
