#include "cli/table_fit.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

namespace cs351::cli {
namespace {

// Below this a column is not cut further: "ada@exa…" still says something, less does not.
constexpr std::size_t k_min_column_width = 8;

ColumnSpec make(std::string name, ColumnRole role) {
  return ColumnSpec{std::move(name), role, false};
}

std::size_t line_width(const TableFit& fit) {
  if (fit.shown.empty()) return 0;
  std::size_t sum = 2 * (fit.shown.size() - 1);
  for (auto i : fit.shown) sum += fit.width[i];
  return sum;
}

// Drops low-value columns, lowest rank first, until the line fits (a table keeps one column).
void drop_low(const std::vector<FitColumn>& columns, std::size_t limit, TableFit& fit) {
  std::vector<std::size_t> low;
  for (auto i : fit.shown) {
    if (columns[i].spec.low) low.push_back(i);
  }
  std::stable_sort(low.begin(), low.end(),
                   [&](auto a, auto b) { return columns[a].rank < columns[b].rank; });
  for (auto i : low) {
    if (line_width(fit) <= limit || fit.shown.size() == 1) return;
    fit.shown.erase(std::find(fit.shown.begin(), fit.shown.end(), i));
    fit.dropped.push_back(columns[i].spec.name);
  }
}

// Narrows the widest shown column of `role` (never a numeric one) until the line
// fits or none of them can shrink more.
void cut(const std::vector<FitColumn>& columns, ColumnRole role, std::size_t limit, TableFit& fit) {
  while (line_width(fit) > limit) {
    std::size_t widest = columns.size();
    for (auto i : fit.shown) {
      const bool cuttable =
          columns[i].spec.role == role && !columns[i].numeric && fit.width[i] > k_min_column_width;
      if (cuttable && (widest == columns.size() || fit.width[i] > fit.width[widest])) widest = i;
    }
    if (widest == columns.size()) return;
    const std::size_t excess = line_width(fit) - limit;
    fit.width[widest] =
        std::max(k_min_column_width, fit.width[widest] - std::min(excess, fit.width[widest]));
  }
}

}  // namespace

namespace column {
ColumnSpec key(std::string name) {
  return make(std::move(name), ColumnRole::key);
}
ColumnSpec date(std::string name) {
  return make(std::move(name), ColumnRole::date);
}
ColumnSpec text(std::string name) {
  return make(std::move(name), ColumnRole::text);
}
ColumnSpec number(std::string name) {
  return make(std::move(name), ColumnRole::number);
}
ColumnSpec plain(std::string name) {
  return make(std::move(name), ColumnRole::plain);
}
ColumnSpec low(ColumnSpec spec) {
  spec.low = true;
  return spec;
}
}  // namespace column

ColumnSpec spec_of(const ColumnRoles& roles, const std::string& name) {
  const auto it = std::find_if(roles.begin(), roles.end(),
                               [&](const ColumnSpec& spec) { return spec.name == name; });
  return it == roles.end() ? column::plain(name) : *it;
}

TableFit fit_table(const std::vector<FitColumn>& columns, std::size_t limit, bool may_drop) {
  TableFit fit;
  fit.shown.resize(columns.size());
  std::iota(fit.shown.begin(), fit.shown.end(), 0);
  for (const auto& column : columns) fit.width.push_back(column.width);
  if (limit == 0) return fit;
  if (may_drop) drop_low(columns, limit, fit);
  cut(columns, ColumnRole::text, limit, fit);
  cut(columns, ColumnRole::plain, limit, fit);
  return fit;
}

std::string dropped_notice(const std::vector<std::string>& dropped, std::size_t limit) {
  return fmt::format("cs351: not shown to fit {} columns: {} (--wide or --columns shows them)",
                     limit, fmt::join(dropped, ", "));
}

std::string with_thousands(const std::string& number) {
  if (number.find_first_of("eE") != std::string::npos) return number;  // 1e+20 stays as written
  const std::size_t start = !number.empty() && number.front() == '-' ? 1 : 0;
  const std::size_t end = std::min(number.size(), number.find_first_not_of("0123456789", start));
  std::string grouped = number.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) grouped += ',';
    grouped += number[i];
  }
  return grouped + number.substr(end);
}

}  // namespace cs351::cli
