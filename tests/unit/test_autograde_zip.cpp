#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "cs351/autograde/zip.h"

using namespace cs351::autograde;

namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

std::uint16_t u16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    (static_cast<unsigned char>(s[at + 1]) << 8));
}

}  // namespace

TEST_SUITE_BEGIN("autograde/zip");

TEST_CASE("stored entries with their CRC-32, sizes, names and Unix modes") {
  const auto zip = write_zip({{"check.txt", "123456789", false}, {"run", "#!/bin/sh\n", true}});
  // First local header.
  CHECK(u32(zip, 0) == 0x04034b50);
  CHECK(u16(zip, 8) == 0);            // stored
  CHECK(u32(zip, 14) == 0xCBF43926);  // CRC-32 of "123456789", the standard check value
  CHECK(u32(zip, 18) == 9);           // compressed size
  CHECK(u32(zip, 22) == 9);           // size
  CHECK(zip.substr(30, 9) == "check.txt");
  CHECK(zip.substr(39, 9) == "123456789");
  // End of central directory: two entries; the central directory lists modes.
  const auto end = zip.size() - 22;
  CHECK(u32(zip, end) == 0x06054b50);
  CHECK(u16(zip, end + 10) == 2);
  const auto central = u32(zip, end + 16);
  CHECK(u32(zip, central) == 0x02014b50);
  CHECK((u16(zip, central + 4) >> 8) == 3);  // made by Unix
  CHECK((u32(zip, central + 38) >> 16) == 0100644);
  CHECK(u32(zip, central + 42) == 0);  // its local header's offset
  const auto second = central + 46 + 9;
  CHECK((u32(zip, second + 38) >> 16) == 0100755);
  CHECK(zip.substr(second + 46, 3) == "run");
}

TEST_CASE("the same entries give the same bytes") {
  CHECK(write_zip({{"a", "x", false}}) == write_zip({{"a", "x", false}}));
  CHECK(write_zip({}).size() == 22);
}

TEST_SUITE_END();
