#pragma once
// What every fuzz target shares: the input as text, and the one outcome a parser may have besides
// returning — a cs351::Error (exit-coded, user-facing). Anything else (a crash, a sanitizer
// report, another exception type escaping) is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "cs351/core/error.h"

#define CS351_FUZZ_TARGET(...)                                                     \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t n) { \
    const std::string input(reinterpret_cast<const char*>(data), n);               \
    try {                                                                          \
      __VA_ARGS__;                                                                 \
    } catch (const cs351::Error&) {                                                \
    }                                                                              \
    return 0;                                                                      \
  }

// A scratch path in the temp dir for targets whose parser reads or writes files: one per
// fuzzer process (NAME-PID), removed when the process exits.
inline const std::filesystem::path& fuzz_scratch(const std::string& name) {
  struct Scratch {
    std::filesystem::path path;
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Scratch scratch{std::filesystem::temp_directory_path() /
                               (name + "-" + std::to_string(getpid()))};
  return scratch.path;
}
