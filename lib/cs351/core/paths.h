#pragma once
// Where things live by default (XDG base directories).

#include <filesystem>

namespace cs351 {

// $XDG_DATA_HOME/cs351/cs351.db (XDG_DATA_HOME defaults to ~/.local/share).
std::filesystem::path default_store_path();
// $XDG_CONFIG_HOME/cs351/config.toml (XDG_CONFIG_HOME defaults to ~/.config).
std::filesystem::path default_config_path();

}  // namespace cs351
