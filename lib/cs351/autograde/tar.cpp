#include "cs351/autograde/tar.h"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <utility>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

constexpr std::size_t k_block = 512;

struct Field {
  std::size_t offset, size;
};
constexpr Field k_name{0, 100}, k_mode{100, 8}, k_size{124, 12}, k_checksum{148, 8}, k_type{156, 1},
    k_magic{257, 6}, k_prefix{345, 155};

std::string_view field(std::string_view header, Field f) {
  auto text = header.substr(f.offset, f.size);
  return text.substr(0, text.find('\0'));
}

std::optional<std::uint64_t> octal(std::string_view text) {
  std::uint64_t value = 0;
  bool any = false;
  for (char c : text) {
    if (c == ' ' || c == '\0') {
      if (any) break;
      continue;
    }
    if (c < '0' || c > '7' || value > (std::uint64_t{1} << 60)) return std::nullopt;
    value = value * 8 + static_cast<std::uint64_t>(c - '0');
    any = true;
  }
  if (!any) return std::nullopt;
  return value;
}

unsigned checksum_of(std::string_view header) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < k_block; ++i) {
    const bool in_field = i >= k_checksum.offset && i < k_checksum.offset + k_checksum.size;
    sum += in_field ? ' ' : static_cast<unsigned char>(header[i]);
  }
  return sum;
}

// The "path" value of a pax extended header ("<len> path=<value>\n" records).
std::optional<std::string> pax_path(std::string_view records) {
  while (!records.empty()) {
    const auto space = records.find(' ');
    if (space == std::string_view::npos) break;
    std::size_t n = 0;
    for (char c : records.substr(0, space)) {
      if (c < '0' || c > '9' || n > records.size()) return std::nullopt;
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (n <= space + 1 || n > records.size()) break;
    const auto record = records.substr(space + 1, n - space - 2);
    if (record.starts_with("path=")) return std::string(record.substr(5));
    records.remove_prefix(n);
  }
  return std::nullopt;
}

std::string pad_to_block(std::string bytes) {
  bytes.resize((bytes.size() + k_block - 1) / k_block * k_block, '\0');
  return bytes;
}

void put(std::string& header, Field f, std::string_view value) {
  header.replace(f.offset, value.size(), value);
}

std::string header_for(std::string_view name, std::uint64_t size, char type, bool executable) {
  std::string h(k_block, '\0');
  put(h, k_name, name.substr(0, k_name.size));
  put(h, k_mode, executable ? "0000755" : "0000644");
  put(h, {108, 8}, "0000000");
  put(h, {116, 8}, "0000000");
  put(h, k_size, fmt::format("{:011o}", size));
  put(h, {136, 12}, "00000000000");
  h[k_type.offset] = type;
  put(h, k_magic,
      std::string_view("ustar\0"
                       "00",
                       8));
  put(h, k_checksum, fmt::format("{:06o}", checksum_of(h)) + std::string("\0 ", 2));
  return h;
}

// The first folder on `path`'s way that is a file already, or a file already under `path`: an
// archive holding both 'a' and 'a/b' cannot be unpacked.
std::optional<std::string> file_and_folder(const std::set<std::string>& seen,
                                           const std::string& path) {
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    if (seen.contains(path.substr(0, slash))) return path.substr(0, slash);
  }
  const auto below = seen.lower_bound(path + "/");
  if (below != seen.end() && below->starts_with(path + "/")) return path;
  return std::nullopt;
}

}  // namespace

std::vector<SubmissionFile> read_tar(std::string_view archive, std::uint64_t max_total) {
  std::vector<SubmissionFile> files;
  std::set<std::string> seen;
  std::optional<std::string> long_name;
  std::uint64_t total = 0;
  std::size_t pos = 0;
  auto bad = [&](const std::string& why) {
    return data_error(fmt::format("archive at byte {}: {}", pos, why));
  };
  while (true) {
    if (pos + k_block > archive.size()) throw bad("truncated (no end-of-archive marker)");
    const auto header = archive.substr(pos, k_block);
    if (header.find_first_not_of('\0') == std::string_view::npos) break;
    const auto recorded = octal(field(header, k_checksum));
    if (!recorded || *recorded != checksum_of(header))
      throw bad("header checksum mismatch (not a tar archive?)");
    const auto size = octal(field(header, k_size));
    if (!size) throw bad("bad size field");
    const std::uint64_t padded = (*size + k_block - 1) / k_block * k_block;
    if (padded > archive.size() - pos - k_block) throw bad("truncated entry");
    const auto body = archive.substr(pos + k_block, *size);
    const char type = header[k_type.offset];
    std::string name(field(header, k_name));
    if (field(header, k_magic).starts_with("ustar") && !field(header, k_prefix).empty()) {
      name = std::string(field(header, k_prefix)) + "/" + name;
    }
    if (long_name) name = *std::exchange(long_name, std::nullopt);
    if (type == 'L') {
      long_name = std::string(body.substr(0, body.find('\0')));
    } else if (type == 'x') {
      long_name = pax_path(body);
    } else if (type == '0' || type == '\0' || type == '7') {
      const std::string path = checked_relative_path(name, "archive");
      if (auto both = file_and_folder(seen, path))
        throw bad(fmt::format("'{}' is both a file and a folder", *both));
      if (!seen.insert(path).second) throw bad(fmt::format("'{}' appears twice", path));
      total += *size;
      if (total > max_total) throw bad(fmt::format("content exceeds the {} byte limit", max_total));
      const auto mode = octal(field(header, k_mode)).value_or(0644);
      files.push_back({path, std::string(body), (mode & 0100) != 0});
    } else if (type != '5' && type != 'g') {
      throw bad(fmt::format("'{}' is a link or device (type '{}'); only regular files are accepted",
                            name, type));
    }
    pos += k_block + padded;
  }
  return files;
}

std::string write_tar(const std::vector<SubmissionFile>& files) {
  std::string out;
  for (const auto& f : files) {
    if (f.path.size() > k_name.size) {
      out += header_for("././@LongLink", f.path.size() + 1, 'L', false);
      out += pad_to_block(f.path + '\0');
    }
    out += header_for(f.path, f.content.size(), '0', f.executable);
    out += pad_to_block(f.content);
  }
  out += std::string(2 * k_block, '\0');
  return out;
}

}  // namespace cs351::autograde
