#pragma once
// RFC 4180 CSV reading: quoted fields with commas, quotes and newlines, CRLF or
// LF, an optional UTF-8 BOM. Pure: bytes in, records out.

#include <string>
#include <string_view>
#include <vector>

namespace cs351 {

struct CsvRecord {
  std::size_t line;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Throws a data Error "name:line: ..." for an unterminated quote, stray bytes
// after a closing quote, binary data (NUL) or invalid UTF-8.
std::vector<CsvRecord> parse_csv(std::string_view bytes, const std::string& name);

}  // namespace cs351
