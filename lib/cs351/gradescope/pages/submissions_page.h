#pragma once
// Submission pages: who owns which active submission (SubmissionsManager
// props), and the past attempts of one submission (JSON).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::gradescope {

// Active submission id -> emails (lower-case) of its owners; a group submission has several.
using SubmissionOwners = std::map<std::string, std::vector<std::string>>;

// GET /courses/{c}/assignments/{a}/submissions. Throws PageStructureError when
// the component or its `students` / `submissions` keys are missing.
SubmissionOwners parse_submissions_manager(std::string_view html, const std::string& page);

struct PastSubmission {
  std::string id;
  TimePoint created_at;
  std::optional<double> score;
};

// GET .../submissions/{s}.json?content=react&only_keys[]=past_submissions.
// Throws PageStructureError when the body is not JSON with `past_submissions`,
// and for an entry without an id or `created_at`; a data Error naming the
// entry and the text when a `created_at` is there but does not parse.
std::vector<PastSubmission> parse_past_submissions(std::string_view json, const std::string& page);

}  // namespace cs351::gradescope
