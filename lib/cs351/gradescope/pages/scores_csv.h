#pragma once
// GET /courses/{c}/assignments/{a}/scores.csv: one row per student.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::gradescope {

struct ScoreRow {
  std::size_t line = 0;
  std::string email;  // lower-case
  std::string name, sid;
  std::optional<double> score, max_points;
  std::string status;  // lower-case: graded | ungraded | missing | submitted (older exports)
  std::optional<std::string> submission_id;
  std::optional<TimePoint> submitted_at;
  std::optional<std::int64_t> lateness_s;
  std::optional<int> submission_count;
};

// Finds the header row (current and older layouts; it need not be line 1),
// locates columns by name. Throws PageStructureError when no header row has
// Email, Total Score and Status (an HTML body included: the session expired),
// and a data Error "name:line: ..." for a malformed value or a duplicated email.
std::vector<ScoreRow> parse_scores_csv(std::string_view bytes, const std::string& name);

// "49:00:00" -> 176400; nullopt when malformed.
std::optional<std::int64_t> parse_lateness(std::string_view text);

}  // namespace cs351::gradescope
