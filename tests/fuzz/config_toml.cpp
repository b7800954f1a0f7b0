// config.toml: Config::load over a scratch file holding the input.
#include <filesystem>
#include <fstream>

#include "cs351/core/config.h"
#include "fuzz_common.h"

namespace {
const std::filesystem::path& scratch() {
  return fuzz_scratch("cs351-fuzz-config");
}

std::optional<std::string> no_env(const std::string&) {
  return std::nullopt;
}
}  // namespace

CS351_FUZZ_TARGET(std::ofstream(scratch(), std::ios::binary | std::ios::trunc) << input;
                  cs351::Config::load({}, {scratch(), no_env, {}}))
