#include "cli/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace cs351::cli {
namespace {

// Display width of UTF-8 text: count code points, not bytes (good enough for
// aligned columns; wide CJK glyphs may still stagger).
std::size_t display_width(const std::string& s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// A plain negative number ("-0.87", "-1e-05") is data, not a formula: no guard.
bool is_negative_number(const std::string& cell) {
  static const std::regex number(R"(-[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  return std::regex_match(cell, number);
}

std::string csv_escape(const std::string& cell) {
  std::string value = cell;
  if (!value.empty() && std::string("=+-@\t\r").find(value.front()) != std::string::npos &&
      !is_negative_number(value))
    value.insert(0, "'");
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// Terminal-bound text with every C0/C1 control character and DEL shown as an escape ("\x1b",
// "\u009b"), so a name holding ESC [ ... cannot move the cursor, recolour or retitle the
// terminal of whoever lists it. CSV and JSON keep the bytes.
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // U+0080..U+009F in UTF-8
      out += fmt::format("\\u{:04x}", next);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> row_cells(const Listing& listing, const nlohmann::json& row) {
  std::vector<std::string> cells;
  for (const auto& column : listing.columns)
    cells.push_back(row.contains(column) ? cell_text(row[column]) : "");
  return cells;
}

}  // namespace

std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string cell_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : "; ") + cell_text(item);
    return joined;
  }
  return value.dump();
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_escape(cells[i]);
  out << "\r\n";
}

void write_csv(std::ostream& out, const Listing& listing) {
  write_csv_row(out, listing.columns);
  for (const auto& row : listing.rows) write_csv_row(out, row_cells(listing, row));
}

void write_table(std::ostream& out, const Listing& listing) {
  std::vector<std::vector<std::string>> lines{listing.columns};
  for (const auto& row : listing.rows) {
    auto cells = row_cells(listing, row);
    for (auto& cell : cells) cell = printable(cell);
    lines.push_back(std::move(cells));
  }
  std::vector<std::size_t> width(listing.columns.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t i = 0; i < line.size(); ++i)
      width[i] = std::max(width[i], display_width(line[i]));
  }
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(width[i] - display_width(line[i]) + 2, ' ');
    }
    text.erase(text.find_last_not_of(' ') + 1);  // no trailing blanks from empty last cells
    out << text << '\n';
  }
}

void write_listing(std::ostream& out, const Listing& listing, const std::string& format) {
  if (format == "json") {
    out << json_text(listing.rows) << '\n';
  } else if (format == "table") {
    write_table(out, listing);
  } else {
    write_csv(out, listing);
  }
}

void write_object(std::ostream& out, const nlohmann::json& object, const std::string& format) {
  if (format == "json") {
    out << json_text(object) << '\n';
    return;
  }
  for (const auto& [key, value] : object.items())
    out << printable(key) << ": " << printable(cell_text(value)) << '\n';
}

}  // namespace cs351::cli
