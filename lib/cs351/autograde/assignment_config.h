#pragma once
// The per-assignment grading settings staff write under
// [autograde.assignments.NAME], read and checked in one place.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cs351/autograde/sandbox.h"
#include "cs351/core/byte_size.h"
#include "cs351/core/config.h"

namespace cs351::autograde {

struct AssignmentConfig {
  std::string name;
  std::string command;  // run with /bin/sh -c in the run's working directory
  std::chrono::milliseconds timeout{10 * 60 * 1000};
  Limits limits;  // memory, processes, file_size, disk
  bool network = false;
  EnvList env;  // `env = {NAME = "value"}`: extra variables for the grader
  // Shown read-only in the sandbox: `grader_dir` (by default the directory of
  // the first absolute path in the command that names a file outside the
  // system directories) and every entry of `mounts`.
  std::vector<std::filesystem::path> read_only;
  std::chrono::milliseconds dedupe_window{2 * 60 * 1000};
  std::string title;          // Gradescope assignment title (defaults to the name)
  std::string gradescope_id;  // Gradescope assignment id, when known
};

// Names of every configured assignment, sorted.
std::vector<std::string> assignment_names(const Config& config);

// The assignment `name`; a usage Error listing the configured names when it is
// unknown, a config Error (exit 78) naming the key when a value is malformed.
AssignmentConfig require_assignment(const Config& config, const std::string& name);

// The assignment whose gradescope_id equals `gradescope_id`, else whose title
// (or name) equals `title`; nullopt when none matches.
std::optional<AssignmentConfig> find_assignment_for_gradescope(const Config& config,
                                                               const std::string& gradescope_id,
                                                               const std::string& title);

}  // namespace cs351::autograde
