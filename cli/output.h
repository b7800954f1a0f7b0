#pragma once
// The one way commands print data: listings (many rows) and objects (one result),
// as an aligned table (TTY), CSV (formula-safe) or JSON. Rows are JSON objects;
// `columns` picks and orders what table and CSV show, while JSON prints the objects
// whole (its field names are the stable contract, docs/output.md). In JSON an empty
// value is always null, never "".

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/table_fit.h"

namespace cs351::cli {

// A JSON value for a column a row may lack: null when absent.
template <typename T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

struct Listing {
  std::vector<std::string> columns;
  nlohmann::json rows = nlohmann::json::array();
};

// How to print: the global --format, --columns, --wide, --limit, --no-headers, the
// terminal's width for tables (0: no limit, e.g. when piped), and what the command
// declared its columns to be (docs/output.md, Tables on a terminal).
struct OutputOptions {
  std::string format = "table";
  std::vector<std::string> columns;  // empty: the listing's own
  std::optional<std::size_t> limit;
  bool headers = true;
  std::size_t width = 0;
  bool wide = false;  // tables: neither drop nor cut a column
  ColumnRoles roles;
  std::ostream* notices = nullptr;  // where a table says which columns it dropped; null: nowhere
};

// A usage Error (exit 2) for a --columns name the listing lacks, with the nearest
// and the valid ones.
void write_listing(std::ostream& out, const Listing& listing, const OutputOptions& options);

// A single result: table prints "key: value" lines, CSV a header and one row, JSON the object.
void write_object(std::ostream& out, const nlohmann::json& object, const OutputOptions& options);

// JSON text, pretty-printed; invalid UTF-8 from outside is replaced, never fatal.
std::string json_text(const nlohmann::json& value);

// `value` with every "" (at any depth) replaced by null: JSON's one spelling of empty.
nlohmann::json empty_as_null(nlohmann::json value);

// The one-line summary of a change (docs/output.md, Summaries): `counts` named
// by what happened, comma-separated ("inserted 3, updated 0"); a dry run's
// reads "dry run, nothing written: would have inserted 3, updated 0".
std::string change_summary(const std::string& counts, bool dry_run);

// One CSV record; cells starting with = + - @ (or tab/CR) get a leading ' so
// spreadsheets do not run them as formulas.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

// A cell as text: strings as-is, null empty, arrays joined with "; ".
std::string cell_text(const nlohmann::json& value);

// A number as a table shows it: whole numbers whole, others to at most 2 decimals
// (3 significant digits below 0.01), trailing zeros dropped.
std::string number_text(double value);

}  // namespace cs351::cli
