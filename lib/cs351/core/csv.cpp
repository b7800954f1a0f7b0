#include "cs351/core/csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351 {
namespace {

std::size_t line_of(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// UTF-16 (what Excel's "Unicode Text" and some registrar exports write): a byte-order
// mark, or ASCII text with a NUL after (LE) or before (BE) each character.
bool looks_like_utf16(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return true;
  return bytes.size() >= 4 && ((bytes[0] != '\0' && bytes[1] == '\0' && bytes[3] == '\0') ||
                               (bytes[0] == '\0' && bytes[1] != '\0' && bytes[2] == '\0'));
}

void check_text(std::string_view bytes, const std::string& name) {
  if (looks_like_utf16(bytes)) {
    throw data_error(fmt::format(
        "{}:1: the file is UTF-16, not UTF-8; convert it first: iconv -f UTF-16 -t UTF-8 {} > "
        "converted.csv",
        name, name));
  }
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    throw data_error(fmt::format("{}:{}: binary data (NUL byte): not a CSV text file", name,
                                 line_of(bytes, nul)));
  }
  if (auto bad = invalid_utf8_at(bytes)) {
    throw data_error(fmt::format(
        "{}:{}: invalid UTF-8 at byte {}; convert the file first (e.g. iconv -f latin1 -t utf-8)",
        name, line_of(bytes, *bad), *bad));
  }
}

class Parser {
 public:
  Parser(std::string_view bytes, const std::string& name) : m_in(bytes), m_name(name) {}

  std::vector<CsvRecord> run() {
    std::vector<CsvRecord> out;
    while (m_pos < m_in.size()) {
      CsvRecord rec{m_line, {}};
      read_record(rec.fields);
      bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
      if (!blank) out.push_back(std::move(rec));
    }
    return out;
  }

 private:
  void read_record(std::vector<std::string>& fields) {
    for (;;) {
      fields.push_back(peek() == '"' ? quoted() : plain());
      if (m_pos >= m_in.size()) return;
      char c = m_in[m_pos++];
      if (c == ',') continue;
      if (c == '\r' && peek() == '\n') ++m_pos;
      ++m_line;
      return;
    }
  }

  std::string plain() {
    auto end = m_in.find_first_of(",\r\n", m_pos);
    if (end == std::string_view::npos) end = m_in.size();
    std::string field(m_in.substr(m_pos, end - m_pos));
    m_pos = end;
    if (!field.empty() && field.back() == '\r') field.pop_back();
    return field;
  }

  std::string quoted() {
    const std::size_t start_line = m_line;
    ++m_pos;
    std::string field;
    for (;;) {
      auto q = m_in.find('"', m_pos);
      if (q == std::string_view::npos) {
        throw data_error(fmt::format("{}:{}: unterminated quoted field", m_name, start_line));
      }
      auto chunk = m_in.substr(m_pos, q - m_pos);
      m_line += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      field.append(chunk);
      m_pos = q + 1;
      if (peek() != '"') break;
      field += '"';
      ++m_pos;
    }
    if (m_pos < m_in.size() &&
        std::string_view(",\r\n").find(m_in[m_pos]) == std::string_view::npos) {
      throw data_error(fmt::format("{}:{}: unexpected text after a closing quote", m_name, m_line));
    }
    return field;
  }

  char peek() const { return m_pos < m_in.size() ? m_in[m_pos] : '\0'; }

  std::string_view m_in;
  const std::string& m_name;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
};

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view bytes, const std::string& name) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  check_text(bytes, name);
  return Parser(bytes, name).run();
}

}  // namespace cs351
