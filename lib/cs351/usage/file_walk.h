#pragma once
// Finding transcript files below a folder, fast enough that re-importing an
// unchanged class costs little more than this walk.
#include <filesystem>
#include <string_view>
#include <vector>

namespace cs351::usage {

// Every regular file below `root` whose name ends with `suffix`, sorted, as
// std::filesystem::recursive_directory_iterator with skip_permission_denied
// finds them: symbolic links to files count, links to folders are not
// followed, unreadable folders are skipped. Throws filesystem_error otherwise.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& root,
                                               std::string_view suffix);

}  // namespace cs351::usage
