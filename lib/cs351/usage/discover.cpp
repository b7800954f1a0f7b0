#include "cs351/usage/discover.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cs351/core/error.h"
#include "cs351/roster/email.h"

namespace cs351::usage {
namespace fs = std::filesystem;
namespace {

bool is_email(const std::string& name) {
  return roster::email_problem(roster::normalize_email(name)).empty();
}

// Every *.jsonl below `root` (or root itself), in a stable order.
std::vector<fs::path> transcripts_under(const fs::path& root) {
  std::vector<fs::path> out;
  if (fs::is_regular_file(root)) return {root};
  for (auto it =
           fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file() && it->path().extension() == ".jsonl") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> email_children(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (is_email(e.path().filename().string())) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void add(std::map<std::string, std::vector<fs::path>>& by_student, const std::string& email,
         const fs::path& root) {
  auto& files = by_student[roster::normalize_email(email)];
  for (auto& f : transcripts_under(root)) files.push_back(std::move(f));
}

}  // namespace

std::vector<StudentFiles> discover(const std::vector<std::string>& paths,
                                   const std::optional<std::string>& student) {
  std::map<std::string, std::vector<fs::path>> by_student;
  for (const auto& p : paths) {
    const fs::path path = fs::absolute(p).lexically_normal();
    if (!fs::exists(path)) throw data_error(fmt::format("{}: no such file or folder", p));
    const auto name = path.filename().string();
    if (student) {
      add(by_student, *student, path);
    } else if (is_email(name)) {
      add(by_student, name, path);
    } else if (auto children = email_children(path); !children.empty()) {
      for (const auto& c : children) add(by_student, c.filename().string(), c);
    } else {
      throw usage_error(fmt::format(
          "{}: cannot tell whose transcripts these are: name the student, or use a folder "
          "named by the student's email (or holding one such folder per student)",
          p));
    }
  }
  std::vector<StudentFiles> out;
  for (auto& [email, files] : by_student) out.push_back({email, std::move(files)});
  return out;
}

}  // namespace cs351::usage
