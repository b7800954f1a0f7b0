#include "support.h"

#include <doctest/doctest.h>

#include <unistd.h>
#include <atomic>
#include <fstream>
#include <iterator>

#include "cs351/registry.h"

namespace cs351::test {

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("cs351-unit-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path fixture_path(const std::string& relative) {
  return std::filesystem::path(CS351_FIXTURES) / relative;
}

std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixture_path(relative), std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << relative);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::unique_ptr<store::Store> open_test_store(const ScratchDir& dir) {
  return store::Store::open(dir / "cs351.db", all_migrations());
}

}  // namespace cs351::test
