#include "cli/output.h"
#include "cli/printable.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "cli/help_text.h"
#include "cli/text_width.h"
#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

using nlohmann::json;

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

// What a table cell shows: numbers at a readable precision, control characters escaped.
std::string table_cell(const json& value) {
  if (value.is_number_float()) return number_text(value.get<double>());
  return printable(cell_text(value), false);
}

// A cell of a listing's column: counts and amounts with thousands separators.
std::string table_cell(const json& value, const ColumnSpec& spec) {
  if (spec.role == ColumnRole::number && value.is_number())
    return with_thousands(table_cell(value));
  return table_cell(value);
}

// --columns checked against what the rows hold (and the listing's own columns).
std::vector<std::string> chosen_columns(const Listing& listing, const OutputOptions& options) {
  if (options.columns.empty()) return listing.columns;
  std::set<std::string> valid(listing.columns.begin(), listing.columns.end());
  for (const auto& row : listing.rows) {
    for (const auto& [key, _] : row.items()) valid.insert(key);
  }
  for (const auto& column : options.columns) {
    if (valid.count(column)) continue;
    auto message = fmt::format("--columns: unknown column '{}'", column);
    const auto near = similar_words(column, {valid.begin(), valid.end()});
    if (!near.empty()) message += fmt::format("; did you mean {}?", fmt::join(near, ", "));
    throw usage_error(fmt::format("{} (valid: {})", message, fmt::join(valid, ", ")));
  }
  return options.columns;
}

json limited_rows(const Listing& listing, const OutputOptions& options) {
  if (!options.limit || *options.limit >= listing.rows.size()) return listing.rows;
  json rows = json::array();
  for (std::size_t i = 0; i < *options.limit; ++i) rows.push_back(listing.rows[i]);
  return rows;
}

json value_or_null(const json& row, const std::string& column) {
  return row.contains(column) ? row[column] : json(nullptr);
}

void write_json_rows(std::ostream& out, const json& rows, const std::vector<std::string>& columns,
                     bool projected) {
  json shown = json::array();
  for (const auto& row : rows) {
    if (!projected) {
      shown.push_back(row);
      continue;
    }
    json picked = json::object();
    for (const auto& column : columns) picked[column] = value_or_null(row, column);
    shown.push_back(std::move(picked));
  }
  out << json_text(empty_as_null(std::move(shown))) << '\n';
}

void write_csv_rows(std::ostream& out, const json& rows, const std::vector<std::string>& columns,
                    bool headers) {
  if (headers) write_csv_row(out, columns);
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const auto& column : columns) cells.push_back(cell_text(value_or_null(row, column)));
    write_csv_row(out, cells);
  }
}

// A column is numeric (right-aligned) when every non-empty cell holds a number.
bool is_numeric_column(const json& rows, const std::string& column) {
  bool any = false;
  for (const auto& row : rows) {
    const auto value = value_or_null(row, column);
    if (value.is_null()) continue;
    if (!value.is_number()) return false;
    any = true;
  }
  return any;
}

// Each column's role and natural width, as the fitting needs them.
std::vector<FitColumn> fit_columns(const std::vector<std::vector<std::string>>& lines,
                                   const json& rows, const std::vector<std::string>& columns,
                                   const ColumnRoles& roles) {
  std::vector<FitColumn> fit;
  for (const auto& name : columns) {
    const auto declared = std::find_if(roles.begin(), roles.end(),
                                       [&](const ColumnSpec& spec) { return spec.name == name; });
    fit.push_back({declared == roles.end() ? column::plain(name) : *declared, 0,
                   is_numeric_column(rows, name),
                   static_cast<std::size_t>(declared - roles.begin())});
  }
  for (const auto& line : lines) {
    for (std::size_t i = 0; i < line.size(); ++i)
      fit[i].width = std::max(fit[i].width, display_width(line[i]));
  }
  return fit;
}

void write_table_line(std::ostream& out, const std::vector<std::string>& line,
                      const std::vector<FitColumn>& columns, const TableFit& fit) {
  std::string text;
  for (std::size_t at = 0; at < fit.shown.size(); ++at) {
    const auto i = fit.shown[at];
    const bool last = at + 1 == fit.shown.size();
    const auto cell = truncate_to_width(line[i], fit.width[i]);
    const std::string pad(fit.width[i] - display_width(cell), ' ');
    text += columns[i].numeric ? pad + cell : cell + (last ? "" : pad);
    if (!last) text += "  ";
  }
  text.erase(text.find_last_not_of(' ') + 1);  // no trailing blanks from empty last cells
  out << text << '\n';
}

void write_table_rows(std::ostream& out, const json& rows, const std::vector<std::string>& columns,
                      const OutputOptions& options) {
  if (columns.empty()) return;
  std::vector<std::vector<std::string>> lines;
  if (options.headers) lines.push_back(columns);
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const auto& column : columns)
      cells.push_back(table_cell(value_or_null(row, column), spec_of(options.roles, column)));
    lines.push_back(std::move(cells));
  }
  const auto fit_in = fit_columns(lines, rows, columns, options.roles);
  // Columns the user named are shown; --wide shows every column whole.
  const auto fit = fit_table(fit_in, options.wide ? 0 : options.width, options.columns.empty());
  for (const auto& line : lines) write_table_line(out, line, fit_in, fit);
  if (!fit.dropped.empty() && options.notices != nullptr)
    *options.notices << dropped_notice(fit.dropped, options.width) << '\n';
}

}  // namespace

// A name holding ESC [ ... must not move the cursor, recolour or retitle the terminal of
// whoever lists it. CSV and JSON keep the bytes.
std::string printable(const std::string& text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (keep_lines && (c == '\n' || c == '\t')) {
      out += text[i];
    } else if (c < 0x20 || c == 0x7F) {
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

std::string json_text(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

json empty_as_null(json value) {
  if (value.is_string() && value.get_ref<const std::string&>().empty()) return nullptr;
  if (value.is_structured()) {
    for (auto& item : value) item = empty_as_null(std::move(item));
  }
  return value;
}

std::string cell_text(const json& value) {
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

std::string number_text(double value) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  if (value == std::trunc(value) && std::fabs(value) < 1e15) return fmt::format("{:.0f}", value);
  std::string text =
      std::fabs(value) < 0.01 ? fmt::format("{:.3g}", value) : fmt::format("{:.2f}", value);
  if (text.find('.') != std::string::npos && text.find('e') == std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_escape(cells[i]);
  out << "\r\n";
}

void write_listing(std::ostream& out, const Listing& listing, const OutputOptions& options) {
  const auto columns = chosen_columns(listing, options);
  const auto rows = limited_rows(listing, options);
  if (options.format == "json") {
    write_json_rows(out, rows, columns, !options.columns.empty());
  } else if (options.format == "table") {
    write_table_rows(out, rows, columns, options);
  } else {
    write_csv_rows(out, rows, columns, options.headers);
  }
}

void write_object(std::ostream& out, const json& object, const OutputOptions& options) {
  Listing listing;
  for (const auto& [key, _] : object.items()) listing.columns.push_back(key);
  listing.rows.push_back(object);
  const auto columns = chosen_columns(listing, options);
  if (options.format == "json") {
    json shown = object;
    if (!options.columns.empty()) {
      shown = json::object();
      for (const auto& column : columns) shown[column] = value_or_null(object, column);
    }
    out << json_text(empty_as_null(std::move(shown))) << '\n';
  } else if (options.format == "csv") {
    write_csv_rows(out, listing.rows, columns, options.headers);
  } else {
    for (const auto& column : columns)
      out << printable(column, false) << ": " << table_cell(value_or_null(object, column)) << '\n';
  }
}

std::string change_summary(const std::string& counts, bool dry_run) {
  return (dry_run ? "dry run, nothing written: would have " : "") + counts;
}

}  // namespace cs351::cli
