#include "cs351/usage/discover.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cs351/core/error.h"
#include "cs351/roster/email.h"
#include "cs351/usage/archive.h"
#include "cs351/usage/file_walk.h"

namespace cs351::usage {
namespace fs = std::filesystem;
namespace {

bool is_email(const std::string& name) {
  return roster::email_problem(roster::normalize_email(name)).empty();
}

// Every *.jsonl below `root` (or root itself), in a stable order.
std::vector<fs::path> transcripts_under(const fs::path& root) {
  if (fs::is_regular_file(root)) return {root};
  return files_under(root, ".jsonl");
}

// A folder or archive's name without the archive suffix.
std::string owner_name(const fs::path& path) {
  return is_archive(path) ? archive_stem(path) : path.filename().string();
}

std::vector<fs::path> email_children(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (is_email(owner_name(e.path()))) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class Collector {
 public:
  explicit Collector(const fs::path& scratch) : m_scratch(scratch) {}

  void add(const std::string& email, const fs::path& root) {
    auto& files = m_by_student[roster::normalize_email(email)];
    if (!is_archive(root)) {
      for (auto& f : transcripts_under(root)) files.push_back({f, f.string()});
      return;
    }
    const auto dest = m_scratch / std::to_string(m_unpacked++);
    unpack_transcripts(root, dest);
    for (auto& f : transcripts_under(dest))
      files.push_back({f, root.string() + "!/" + f.lexically_relative(dest).generic_string()});
  }

  std::vector<StudentFiles> take() {
    std::vector<StudentFiles> out;
    for (auto& [email, files] : m_by_student) out.push_back({email, std::move(files)});
    return out;
  }

 private:
  fs::path m_scratch;
  int m_unpacked = 0;
  std::map<std::string, std::vector<Transcript>> m_by_student;
};

}  // namespace

std::vector<StudentFiles> discover(const std::vector<std::string>& paths,
                                   const std::optional<std::string>& student,
                                   const fs::path& scratch) {
  Collector found(scratch);
  for (const auto& p : paths) {
    const fs::path path = fs::absolute(p).lexically_normal();
    if (!fs::exists(path)) throw data_error(fmt::format("{}: no such file or folder", p));
    const auto name = owner_name(path);
    if (student) {
      found.add(*student, path);
    } else if (is_email(name)) {
      found.add(name, path);
    } else if (auto children = email_children(path); !children.empty()) {
      for (const auto& c : children) found.add(owner_name(c), c);
    } else {
      throw usage_error(fmt::format(
          "{}: cannot tell whose transcripts these are: name the student, or use a folder "
          "named by the student's email (or holding one such folder per student)",
          p));
    }
  }
  return found.take();
}

}  // namespace cs351::usage
