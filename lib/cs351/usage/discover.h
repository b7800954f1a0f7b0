#pragma once
// Which transcript files belong to which student, before anything is read.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cs351::usage {

struct Transcript {
  std::filesystem::path path;  // where to read it
  std::string name;            // what the store remembers: the path, or "archive!/member"
};

struct StudentFiles {
  std::string email;  // normalised
  std::vector<Transcript> files;
};

// Each PATH gives files for `student` when set; otherwise a PATH named by an
// email is that student's, and a folder whose sub-folders are named by
// emails gives one student per sub-folder. Throws a usage Error otherwise,
// and a data Error for a missing path or a refused archive. Archives (.zip,
// .tar.gz, .tgz, .tar; named by email like folders) are unpacked under `scratch`.
std::vector<StudentFiles> discover(const std::vector<std::string>& paths,
                                   const std::optional<std::string>& student,
                                   const std::filesystem::path& scratch);

}  // namespace cs351::usage
