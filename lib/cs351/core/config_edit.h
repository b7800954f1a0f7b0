#pragma once
// Setting one value in the config file the way a person would edit it: the
// rest of the file (comments, order, other keys) stays as it was.

#include <filesystem>
#include <string>

namespace cs351 {

// Sets `section.name = "value"` (a TOML string) in `file`, creating the file
// (owner-only) or the [section] table when missing. An existing line for the
// key under [section] is replaced; otherwise the line goes right after the
// table's header. The result is read back; a config Error (exit 78, nothing
// written) when the file does not parse or the key is set some other way
// (a dotted key, an inline table) that this edit cannot see.
void set_config_string(const std::filesystem::path& file, const std::string& key,
                       const std::string& value);

// Removes the `section.name = ...` line under [section] from `file`, comments and
// everything else kept. False (nothing written) when the file does not set it; a
// config Error like set_config_string's when it is set in a way this cannot edit.
bool unset_config_key(const std::filesystem::path& file, const std::string& key);

}  // namespace cs351
