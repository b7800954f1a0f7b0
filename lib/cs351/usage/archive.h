#pragma once
// Transcripts handed in as .zip / .tar.gz / .tgz / .tar archives, unpacked
// with libarchive into a scratch folder. Only *.jsonl members are written;
// hostile archives are refused (data Error, exit 65): paths that climb out
// (absolute, "..") or are links, members or totals past the limits, and
// decompression ratios of a bomb. Archives inside archives are not opened.

#include <cstdint>
#include <filesystem>
#include <string>

namespace cs351::usage {

struct ArchiveLimits {
  std::uint64_t max_member = 1ull << 30;  // bytes of one member
  std::uint64_t max_total = 8ull << 30;   // bytes of all members
  std::uint64_t max_ratio = 200;          // unpacked / packed, past 64 MiB unpacked
};

bool is_archive(const std::filesystem::path& path);
// "ada@example.edu.tar.gz" -> "ada@example.edu".
std::string archive_stem(const std::filesystem::path& path);

// Unpacks the *.jsonl members of `archive` under `dest` (created).
void unpack_transcripts(const std::filesystem::path& archive, const std::filesystem::path& dest,
                        const ArchiveLimits& limits = {});

}  // namespace cs351::usage
