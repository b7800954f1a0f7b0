#include "cs351/autograde/zip.h"

#include <zlib.h>

#include <cstdint>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint16_t k_version = 20;                        // 2.0: plain stored entries
constexpr std::uint16_t k_made_by_unix = (3 << 8) | 20;        // so unzip keeps the modes
constexpr std::uint16_t k_dos_date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, zip's epoch

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xffff));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

// The fields the local and the central header share, from "version needed" to the name length.
void put_common(std::string& out, const ZipEntry& e, std::uint32_t crc) {
  put16(out, k_version);
  put16(out, 0);  // flags
  put16(out, 0);  // method: stored
  put16(out, 0);  // time 00:00
  put16(out, k_dos_date);
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(e.content.size()));  // compressed
  put32(out, static_cast<std::uint32_t>(e.content.size()));
  put16(out, static_cast<std::uint16_t>(e.name.size()));
  put16(out, 0);  // extra field length
}

}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries) {
  std::string out, central;
  for (const auto& e : entries) {
    if (e.content.size() > 0xfffffff0u || e.name.size() > 0xffff)
      throw Error(ExitCode::failure, "zip entry too large: " + e.name);
    const auto crc = static_cast<std::uint32_t>(crc32(
        0, reinterpret_cast<const Bytef*>(e.content.data()), static_cast<uInt>(e.content.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    put32(out, k_local_signature);
    put_common(out, e, crc);
    out += e.name;
    out += e.content;

    put32(central, k_central_signature);
    put16(central, k_made_by_unix);
    put_common(central, e, crc);
    put16(central, 0);  // comment length
    put16(central, 0);  // disk number
    put16(central, 0);  // internal attributes
    put32(central, (e.executable ? 0100755u : 0100644u) << 16);
    put32(central, offset);
    central += e.name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, k_end_signature);
  put16(out, 0);  // this disk
  put16(out, 0);  // disk with the central directory
  put16(out, static_cast<std::uint16_t>(entries.size()));
  put16(out, static_cast<std::uint16_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace cs351::autograde
