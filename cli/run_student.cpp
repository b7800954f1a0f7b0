#include "cli/run_student.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string_view>

#include "cs351/autograde/student_client.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

constexpr const char* k_usage = "usage: run-student [--timeout DURATION] -- COMMAND [ARG...]\n";

autograde::StudentRequest parse(int argc, char** argv) {
  autograde::StudentRequest request;
  int i = 1;
  for (; i < argc && std::string_view(argv[i]) != "--"; ++i) {
    if (std::string_view(argv[i]) == "--timeout" && i + 1 < argc) {
      request.timeout = parse_duration(argv[++i], "--timeout");
    } else {
      throw Error(ExitCode::usage, std::string("unknown argument ") + argv[i]);
    }
  }
  if (i + 1 >= argc) throw Error(ExitCode::usage, "no command after --");
  request.argv.assign(argv + i + 1, argv + argc);
  return request;
}

}  // namespace

bool is_run_student(const char* argv0) {
  return argv0 != nullptr && std::filesystem::path(argv0).filename() == "run-student";
}

int run_student(int argc, char** argv, std::ostream& err) {
  try {
    const auto request = parse(argc, argv);
    const char* socket = std::getenv("CS351_STUDENT_SOCKET");
    const auto outcome = autograde::run_as_student(
        socket != nullptr && *socket != '\0' ? socket : autograde::k_student_socket_path, request);
    if (outcome.timed_out) err << "run-student: timed out\n";
    if (!outcome.error.empty()) err << "run-student: " << outcome.error << "\n";
    return autograde::outcome_status(outcome);
  } catch (const Error& e) {
    err << "run-student: " << e.what() << "\n";
    if (e.code() == ExitCode::usage) err << k_usage;
    return e.code() == ExitCode::usage ? 2 : 125;
  }
}

}  // namespace cs351::cli
