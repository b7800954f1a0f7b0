#pragma once
// The grader's side of `$CS351_RUN_STUDENT`: asks the worker, over the run's
// socket, to run a command as the student, handing over this process's
// stdin, stdout and stderr, and waits for how it ended.

#include <filesystem>

#include "cs351/autograde/student_protocol.h"

namespace cs351::autograde {

// Throws Error (service unavailable) when the worker cannot be reached.
StudentOutcome run_as_student(const std::filesystem::path& socket, const StudentRequest& request);

}  // namespace cs351::autograde
