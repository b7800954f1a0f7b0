#include "cs351/autograde/zip.h"

#include <zlib.h>

#include <cstdint>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint16_t k_version = 20;                        // 2.0: deflate
constexpr std::uint16_t k_made_by_unix = (3 << 8) | 20;        // so unzip keeps the modes
constexpr std::uint16_t k_dos_date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, zip's epoch

constexpr std::uint16_t k_deflate = 8;

// `data` as a raw deflate stream (no zlib header), the form zip entries hold.
std::string deflate_raw(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw Error(ExitCode::failure, "zlib: cannot start deflate");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw Error(ExitCode::failure, "zlib: deflate did not finish");
  return out;
}

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xffff));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

// The fields the local and the central header share, from "version needed" to the name length.
void put_common(std::string& out, const ZipEntry& e, std::uint32_t crc, std::size_t packed) {
  put16(out, k_version);
  put16(out, 0);  // flags
  put16(out, k_deflate);
  put16(out, 0);  // time 00:00
  put16(out, k_dos_date);
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(packed));
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
    const auto packed = deflate_raw(e.content);
    const auto offset = static_cast<std::uint32_t>(out.size());
    put32(out, k_local_signature);
    put_common(out, e, crc, packed.size());
    out += e.name;
    out += packed;

    put32(central, k_central_signature);
    put16(central, k_made_by_unix);
    put_common(central, e, crc, packed.size());
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
