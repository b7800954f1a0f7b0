#pragma once
// The config key of the store ("store.path"), declared once: type, default, help.

#include <filesystem>
#include <span>
#include <string>

#include "cs351/core/setting.h"

namespace cs351::store {

// $XDG_DATA_HOME/cs351/cs351.db: store.path's default, known only at run time.
std::string default_path_text();

inline constexpr SettingSpec k_settings[] = {
    {.key = "store.path",
     .rule = path_value(),
     .help = "Path of the SQLite store (a store named on the command line, then env CS351_DB, "
             "beat it).",
     .computed_default = default_path_text},
};

constexpr std::span<const SettingSpec> settings() {
  return k_settings;
}

namespace keys {
inline constexpr auto path = key_of<std::filesystem::path>(k_settings, "store.path");
}  // namespace keys

}  // namespace cs351::store
