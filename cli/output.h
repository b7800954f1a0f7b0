#pragma once
// Writers for listings: an aligned table (TTY), CSV (formula-safe) and JSON.
// Rows are JSON objects; `columns` picks and orders what table and CSV show,
// while JSON prints the objects whole (its field names are the stable contract).

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace cs351::cli {

struct Listing {
  std::vector<std::string> columns;
  nlohmann::json rows = nlohmann::json::array();
};

void write_listing(std::ostream& out, const Listing& listing, const std::string& format);
void write_table(std::ostream& out, const Listing& listing);
void write_csv(std::ostream& out, const Listing& listing);

// JSON text, pretty-printed; invalid UTF-8 from outside is replaced, never fatal.
std::string json_text(const nlohmann::json& value);

// One CSV record; cells starting with = + - @ (or tab/CR) get a leading ' so
// spreadsheets do not run them as formulas.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

// A cell as text: strings as-is, null empty, arrays joined with "; ".
std::string cell_text(const nlohmann::json& value);

// A single result: JSON prints the object, other formats print "key: value" lines.
void write_object(std::ostream& out, const nlohmann::json& object, const std::string& format);

}  // namespace cs351::cli
