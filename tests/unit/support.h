#pragma once
// Shared helpers for unit tests: scratch directories, fixture paths, a fresh store.

#include <filesystem>
#include <memory>
#include <string>

#include "cs351/store/store.h"

namespace cs351::test {

// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

// fixtures/<relative>, and its contents.
std::filesystem::path fixture_path(const std::string& relative);
std::string read_fixture(const std::string& relative);

// A store in `dir` with every module's migrations applied.
std::unique_ptr<store::Store> open_test_store(const ScratchDir& dir);

}  // namespace cs351::test
