#include "cs351/usage/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <memory>
#include <set>

#include "cs351/core/error.h"

namespace cs351::usage {
namespace fs = std::filesystem;
namespace {

constexpr std::array<const char*, 4> k_suffixes{".tar.gz", ".tgz", ".zip", ".tar"};
constexpr std::uint64_t k_ratio_floor = 64ull << 20;

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

using Reader = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

Reader open_archive(const fs::path& path) {
  Reader a(archive_read_new(), &archive_read_free);
  archive_read_support_filter_all(a.get());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw data_error(fmt::format("{}: not a readable archive: {}", path.string(),
                                 archive_error_string(a.get())));
  return a;
}

// Past these a member cannot be written below the scratch folder on Linux (NAME_MAX 255,
// PATH_MAX 4096 with room for the folder itself), and no agent writes such paths.
constexpr std::size_t k_max_name_part = 255, k_max_name = 2048, k_max_depth = 32;

// A member name short enough to print in one message line.
std::string shown(const std::string& name) {
  return name.size() <= 120
             ? name
             : name.substr(0, 100) + "... (" + std::to_string(name.size()) + " bytes)";
}

// The member's path below dest; a data Error for one that must not be written.
fs::path safe_relative(const std::string& name, const fs::path& archive) {
  const fs::path p(name);
  const auto refuse = [&](const std::string& why) {
    return data_error(fmt::format("{}: member {} {}", archive.string(), shown(name), why));
  };
  if (p.is_absolute() || name.find('\\') != std::string::npos) throw refuse("has an absolute path");
  if (name.size() > k_max_name) throw refuse(fmt::format("has a name over {} bytes", k_max_name));
  std::size_t depth = 0;
  for (const auto& part : p) {
    if (part == "..") throw refuse("climbs out with ..");
    if (part.string().size() > k_max_name_part)
      throw refuse(fmt::format("has a file or folder name over {} bytes", k_max_name_part));
    if (++depth > k_max_depth)
      throw refuse(fmt::format("is more than {} folders deep", k_max_depth));
  }
  return p.lexically_normal();
}

class Unpacker {
 public:
  Unpacker(const fs::path& archive, const fs::path& dest, const ArchiveLimits& limits)
      : m_archive(archive), m_dest(dest), m_limits(limits), m_packed(fs::file_size(archive)) {}

  void run() {
    auto a = open_archive(m_archive);
    struct archive_entry* entry = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
      const std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
      const auto rel = safe_relative(name, m_archive);
      if (archive_entry_filetype(entry) != AE_IFREG || rel.extension() != ".jsonl") continue;
      if (archive_entry_size_is_set(entry) &&
          static_cast<std::uint64_t>(archive_entry_size(entry)) > m_limits.max_member)
        throw too_big(name, "member");
      if (!m_written.insert(rel.string()).second)
        throw data_error(
            fmt::format("{}: member {} appears twice", m_archive.string(), shown(name)));
      write_member(a.get(), name, m_dest / rel);
    }
    if (rc != ARCHIVE_EOF)
      throw data_error(fmt::format("{}: {}", m_archive.string(), archive_error_string(a.get())));
  }

 private:
  Error too_big(const std::string& member, const char* what) const {
    return data_error(fmt::format("{}: member {}: {} past the limit (a decompression bomb?)",
                                  m_archive.string(), member, what));
  }

  // The scratch path stays out of the messages: it means nothing to whoever handed in the archive.
  void write_member(struct archive* a, const std::string& name, const fs::path& out_path) {
    std::error_code ec;
    fs::create_directories(out_path.parent_path(), ec);
    std::ofstream out;
    if (!ec) out.open(out_path, std::ios::binary);
    if (ec || !out) {
      throw data_error(fmt::format(
          "{}: member {} cannot be unpacked (its name collides with another member's folder)",
          m_archive.string(), shown(name)));
    }
    std::array<char, 1 << 16> buf{};
    std::uint64_t member = 0;
    la_ssize_t n;
    while ((n = archive_read_data(a, buf.data(), buf.size())) > 0) {
      member += static_cast<std::uint64_t>(n);
      m_total += static_cast<std::uint64_t>(n);
      if (member > m_limits.max_member) throw too_big(name, "size");
      if (m_total > m_limits.max_total) throw too_big(name, "archive total");
      if (m_total > k_ratio_floor &&
          m_total / std::max<std::uint64_t>(m_packed, 1) > m_limits.max_ratio)
        throw too_big(name, "compression ratio");
      out.write(buf.data(), n);
    }
    if (n < 0)
      throw data_error(
          fmt::format("{}: member {}: {}", m_archive.string(), name, archive_error_string(a)));
  }

  fs::path m_archive, m_dest;
  ArchiveLimits m_limits;
  std::set<std::string> m_written;  // members' paths below dest
  std::uint64_t m_packed, m_total = 0;
};

}  // namespace

bool is_archive(const fs::path& path) {
  const auto name = path.filename().string();
  for (const auto* s : k_suffixes)
    if (ends_with(name, s)) return fs::is_regular_file(path);
  return false;
}

std::string archive_stem(const fs::path& path) {
  const auto name = path.filename().string();
  for (const auto* s : k_suffixes)
    if (ends_with(name, s)) return name.substr(0, name.size() - std::string(s).size());
  return name;
}

void unpack_transcripts(const fs::path& archive, const fs::path& dest,
                        const ArchiveLimits& limits) {
  fs::create_directories(dest);
  Unpacker(archive, dest, limits).run();
}

}  // namespace cs351::usage
