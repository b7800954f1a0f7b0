#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cs351/autograde/zip.h"
#include "support.h"

using namespace cs351;
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

TEST_CASE("deflated entries with their CRC-32, sizes, names and Unix modes") {
  const auto zip = write_zip({{"check.txt", "123456789", false}, {"run", "#!/bin/sh\n", true}});
  // First local header.
  CHECK(u32(zip, 0) == 0x04034b50);
  CHECK(u16(zip, 8) == 8);            // deflate
  CHECK(u32(zip, 14) == 0xCBF43926);  // CRC-32 of "123456789", the standard check value
  CHECK(u32(zip, 22) == 9);           // size
  CHECK(zip.substr(30, 9) == "check.txt");
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

TEST_CASE("the entries come back out as they went in, with their modes") {
  test::ScratchDir dir;
  const std::string big(20000, 'a');
  std::ofstream(dir / "t.zip", std::ios::binary)
      << write_zip({{"setup.sh", "#!/bin/sh\necho hi\n", true}, {"dir/big.txt", big, false}});
  const auto listing = dir / "listing.txt";
  const auto command = fmt::format(
      "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.testzip(); "
      "print(*(\"%s %o %d\" % (i.filename, i.external_attr >> 16, len(z.read(i))) "
      "for i in z.infolist()), sep=\";\")' {} > {}",
      (dir / "t.zip").string(), listing.string());
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(listing);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "setup.sh 100755 18;dir/big.txt 100644 20000\n");
  CHECK(std::filesystem::file_size(dir / "t.zip") < 500);
}

TEST_CASE("the same entries give the same bytes") {
  CHECK(write_zip({{"a", "x", false}}) == write_zip({{"a", "x", false}}));
  CHECK(write_zip({}).size() == 22);
}

TEST_SUITE_END();
