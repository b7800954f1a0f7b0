#pragma once
// The parts of Gradescope's submission_metadata.json the bridge needs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::autograde {

struct SubmissionMetadata {
  std::string submission_id;  // "id": new for every submission
  std::optional<TimePoint> created_at;
  std::string course_id;  // assignment.course_id, as text; empty in the 2019 format
  std::string assignment_id;
  std::string assignment_title;
  std::vector<std::string> emails;  // users[].email: every group member
};

// A data Error (exit 65) naming the field when the JSON is malformed or lacks
// both assignment.title and assignment.id, or a user email. Files Gradescope wrote in
// 2019 have no assignment.course_id: the bridge then picks the course.
SubmissionMetadata parse_submission_metadata(std::string_view json_text);

}  // namespace cs351::autograde
