#pragma once
// One graded submission, whatever system recorded it: the common currency of
// the report. attempts.cpp turns each source's table into these.

#include <optional>
#include <string>

#include "cs351/core/clock.h"

namespace cs351::analytics {

struct Attempt {
  std::string email;  // lower-case
  TimePoint submitted_at;
  double score = 0.0;
  std::optional<double> max_score;  // else the assignment's max points
  std::string source;               // "import", "gradescope", "autograde"
};

}  // namespace cs351::analytics
