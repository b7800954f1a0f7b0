#pragma once
// Which columns of a table give way when it is wider than the terminal. Each
// listing declares what its columns are for: the ones that say which row this is
// (email, id) and the times are never cut, low-value ones are dropped before
// anything is cut, free text is cut before other columns.

#include <cstddef>
#include <string>
#include <vector>

namespace cs351::cli {

enum class ColumnRole {
  plain,   // cut after free text (never when it holds numbers)
  key,     // identifies the row: never cut
  date,    // a date or time: never cut
  text,    // free text (titles, details, messages): cut first
  number,  // a count or amount: never cut, thousands separators in tables
};

struct ColumnSpec {
  std::string name;
  ColumnRole role = ColumnRole::plain;
  bool low = false;  // dropped (whole) before any column is cut
};

// A listing's columns as the command declares them. Low-value columns are dropped
// in the order declared here: the most expendable first.
using ColumnRoles = std::vector<ColumnSpec>;

// Spellings for the declarations: column::key("email"), column::low(column::number("bytes")).
namespace column {
ColumnSpec key(std::string name);
ColumnSpec date(std::string name);
ColumnSpec text(std::string name);
ColumnSpec number(std::string name);
ColumnSpec plain(std::string name);
ColumnSpec low(ColumnSpec spec);
}  // namespace column

// The declared spec of `name`, or a plain one when the listing does not declare it.
ColumnSpec spec_of(const ColumnRoles& roles, const std::string& name);

// One column of a table about to be printed.
struct FitColumn {
  ColumnSpec spec;
  std::size_t width = 0;  // the widest cell or header, in display cells
  bool numeric = false;   // every non-empty cell is a number
  std::size_t rank = 0;   // where the listing declares it: low columns go lowest rank first
};

struct TableFit {
  std::vector<std::size_t> shown;    // indices of the columns kept, in order
  std::vector<std::size_t> width;    // the width of each column (dropped ones keep theirs)
  std::vector<std::string> dropped;  // names of the columns left out
};

// Fits `columns` into `limit` cells (0: no limit), two blanks between columns:
// drops low-value columns while `may_drop`, then cuts free text, then plain
// columns, each down to a few cells. Keys, dates and numbers keep their width,
// so the result may still be wider than `limit`.
TableFit fit_table(const std::vector<FitColumn>& columns, std::size_t limit, bool may_drop);

// The one line on stderr that says what a narrow terminal left out and how to see it.
std::string dropped_notice(const std::vector<std::string>& dropped, std::size_t limit);

// `number` (as number_text writes it: "-1234567.5") with thousands separators: "-1,234,567.5".
std::string with_thousands(const std::string& number);

}  // namespace cs351::cli
