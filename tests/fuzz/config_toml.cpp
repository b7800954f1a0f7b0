// config.toml: Config::load over a scratch file holding the input.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cs351/core/config.h"
#include "fuzz_common.h"

namespace {
const std::filesystem::path& scratch() {
  static const auto file = std::filesystem::temp_directory_path() /
                           ("cs351-fuzz-config-" + std::to_string(getpid()) + ".toml");
  return file;
}

std::optional<std::string> no_env(const std::string&) {
  return std::nullopt;
}
}  // namespace

CS351_FUZZ_TARGET(std::ofstream(scratch(), std::ios::binary | std::ios::trunc) << input;
                  cs351::Config::load({}, {scratch(), no_env, {}}))
