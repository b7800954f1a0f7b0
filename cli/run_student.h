#pragma once
// `$CS351_RUN_STUDENT [--timeout DURATION] -- COMMAND...`: inside a grader's
// sandbox the cs351 binary is also the student runner, under the name
// run-student (lib/cs351/autograde/student_server.h says what it does).

#include <iosfwd>

namespace cs351::cli {

// True when the program was started under the student runner's name.
bool is_run_student(const char* argv0);

// Runs the command as the student; exits as the command did (128+N after
// signal N, 124 after the timeout, 125 when the worker could not run it, 2
// for a usage error). Its own complaints go to `err`.
int run_student(int argc, char** argv, std::ostream& err);

}  // namespace cs351::cli
