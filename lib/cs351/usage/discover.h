#pragma once
// Which transcript files belong to which student, before anything is read.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cs351::usage {

struct StudentFiles {
  std::string email;  // normalised
  std::vector<std::filesystem::path> files;
};

// Each PATH gives files for `student` when set; otherwise a PATH named by an
// email is that student's, and a folder whose sub-folders are named by
// emails gives one student per sub-folder. Throws a usage Error otherwise,
// and a data Error for a missing path.
std::vector<StudentFiles> discover(const std::vector<std::string>& paths,
                                   const std::optional<std::string>& student);

}  // namespace cs351::usage
