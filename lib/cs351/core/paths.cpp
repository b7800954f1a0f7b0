#include "cs351/core/paths.h"

#include <cstdlib>

namespace cs351 {
namespace {

std::filesystem::path xdg_dir(const char* var, const char* fallback_under_home) {
  if (const char* v = std::getenv(var); v != nullptr && *v == '/') return v;
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / fallback_under_home;
}

}  // namespace

std::filesystem::path default_store_path() {
  return xdg_dir("XDG_DATA_HOME", ".local/share") / "cs351" / "cs351.db";
}

std::filesystem::path default_config_path() {
  return xdg_dir("XDG_CONFIG_HOME", ".config") / "cs351" / "config.toml";
}

}  // namespace cs351
