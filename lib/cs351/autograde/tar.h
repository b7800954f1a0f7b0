#pragma once
// The bridge's upload format: a POSIX ustar archive (as `tar -cf` writes it).
// Pure functions over bytes, so hostile archives are easy to test.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cs351/autograde/submission.h"

namespace cs351::autograde {

// Regular files of `archive` (directories skipped; GNU long names and pax
// "path" records honoured). Data Error (exit 65) for a bad checksum, a
// truncated archive, links or devices, unsafe paths, duplicate paths, or more
// than `max_total` bytes of content.
std::vector<SubmissionFile> read_tar(std::string_view archive, std::uint64_t max_total);

// A ustar archive of `files` (GNU long-name entries for paths over 100 bytes).
std::string write_tar(const std::vector<SubmissionFile>& files);

}  // namespace cs351::autograde
