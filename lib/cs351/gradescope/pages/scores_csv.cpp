#include "cs351/gradescope/pages/scores_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "cs351/core/csv.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/pages/page_error.h"

namespace cs351::gradescope {
namespace {

constexpr const char* k_required = "scores.csv header row with Email, Total Score and Status";

using Columns = std::map<std::string, std::size_t>;

Columns header_columns(const CsvRecord& record) {
  Columns out;
  for (std::size_t i = 0; i < record.fields.size(); ++i)
    out.emplace(std::string(trim(record.fields[i])), i);
  return out;
}

bool is_header(const Columns& c) {
  return c.count("Email") && c.count("Total Score") && c.count("Status");
}

class RowReader {
 public:
  RowReader(const Columns& columns, const CsvRecord& record, const std::string& name)
      : m_columns(columns), m_record(record), m_name(name) {}

  std::string text(const char* column) const {
    const auto it = m_columns.find(column);
    if (it == m_columns.end() || it->second >= m_record.fields.size()) return "";
    return std::string(trim(m_record.fields[it->second]));
  }

  std::optional<std::string> optional_text(const char* column) const {
    auto t = text(column);
    if (t.empty()) return std::nullopt;
    return t;
  }

  std::optional<double> number(const char* column) const {
    const auto t = text(column);
    if (t.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size()) fail(column, t);
    return v;
  }

  [[noreturn]] void fail(const char* column, const std::string& value) const {
    throw data_error(fmt::format("{}:{}: bad {} '{}'", m_name, m_record.line, column, value));
  }

 private:
  const Columns& m_columns;
  const CsvRecord& m_record;
  const std::string& m_name;
};

ScoreRow score_row(const RowReader& r, std::size_t line) {
  ScoreRow s;
  s.line = line;
  s.email = to_lower_ascii(r.text("Email"));
  if (s.email.empty() || s.email.find('@') == std::string::npos) r.fail("Email", s.email);
  s.name = r.text("Name");
  if (s.name.empty()) s.name = std::string(trim(r.text("First Name") + " " + r.text("Last Name")));
  s.sid = r.text("SID");
  s.score = r.number("Total Score");
  s.max_points = r.number("Max Points");
  s.status = to_lower_ascii(r.text("Status"));
  s.submission_id = r.optional_text("Submission ID");
  if (auto t = r.optional_text("Submission Time")) {
    s.submitted_at = parse_time(*t);
    if (!s.submitted_at) r.fail("Submission Time", *t);
  }
  if (auto t = r.optional_text("Lateness (H:M:S)")) {
    s.lateness_s = parse_lateness(*t);
    if (!s.lateness_s) r.fail("Lateness (H:M:S)", *t);
  }
  if (auto count = r.number("Submission Count")) s.submission_count = static_cast<int>(*count);
  return s;
}

}  // namespace

std::optional<std::int64_t> parse_lateness(std::string_view text) {
  const auto parts = split(text, ':');
  if (parts.size() != 3) return std::nullopt;
  std::int64_t total = 0;
  for (const auto& p : parts) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
    if (p.empty() || p.size() > 9 || ec != std::errc() || end != p.data() + p.size() || v < 0)
      return std::nullopt;
    total = total * 60 + v;
  }
  return total;
}

std::vector<ScoreRow> parse_scores_csv(std::string_view bytes, const std::string& name) {
  if (trim(bytes).starts_with("<"))
    throw PageStructureError(name, std::string(k_required) + " (got an HTML page)");
  const auto records = parse_csv(bytes, name);
  std::size_t header = 0;
  while (header < records.size() && !is_header(header_columns(records[header]))) ++header;
  if (header == records.size()) throw PageStructureError(name, k_required);
  const Columns columns = header_columns(records[header]);
  std::vector<ScoreRow> out;
  std::set<std::string> seen;
  for (std::size_t i = header + 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;  // blank line
    ScoreRow row = score_row(RowReader(columns, rec, name), rec.line);
    if (!seen.insert(row.email).second) {
      throw data_error(fmt::format("{}:{}: email {} appears twice", name, rec.line, row.email));
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace cs351::gradescope
