#include "cs351/analytics/submissions_import.h"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <variant>

#include "cs351/analytics/decimal.h"
#include "cs351/core/csv.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"
#include "cs351/store/events.h"

namespace cs351::analytics {
namespace {

constexpr std::size_t k_max_listed_errors = 20;

struct Columns {
  std::size_t email, submitted_at, score;
  std::optional<std::size_t> max_score;
};

Columns find_columns(const CsvRecord& header, const std::string& name) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    index.emplace(to_lower_ascii(trim(header.fields[i])), i);
  const auto need = [&](const char* column) {
    const auto it = index.find(column);
    if (it == index.end()) {
      throw data_error(fmt::format(
          "{}:{}: missing column '{}' (need email, submitted_at, score; optional max_score)", name,
          header.line, column));
    }
    return it->second;
  };
  Columns c{need("email"), need("submitted_at"), need("score"), std::nullopt};
  if (const auto it = index.find("max_score"); it != index.end()) c.max_score = it->second;
  return c;
}

std::string field(const CsvRecord& r, std::size_t i) {
  return i < r.fields.size() ? std::string(trim(r.fields[i])) : "";
}

// The row, or the reason it is bad.
std::variant<SubmissionRow, std::string> parse_row(const CsvRecord& r, const Columns& c,
                                                   const std::string& tz) {
  SubmissionRow row;
  row.line = r.line;
  row.email = roster::normalize_email(field(r, c.email));
  if (const auto problem = roster::email_problem(row.email); !problem.empty()) {
    return fmt::format("email: '{}': {}", row.email, problem);
  }
  const auto when = parse_time(field(r, c.submitted_at), tz);
  if (!when)
    return fmt::format("submitted_at: cannot read '{}' as a time", field(r, c.submitted_at));
  row.submitted_at = *when;
  const auto score = parse_decimal(field(r, c.score));
  if (!score || *score < 0)
    return fmt::format("score: '{}' is not a number >= 0", field(r, c.score));
  row.score = *score;
  if (c.max_score && !field(r, *c.max_score).empty()) {
    const auto max = parse_decimal(field(r, *c.max_score));
    if (!max || *max <= 0)
      return fmt::format("max_score: '{}' is not a number > 0", field(r, *c.max_score));
    row.max_score = max;
  }
  return row;
}

std::string error_list(const std::string& name,
                       const std::vector<std::pair<std::size_t, std::string>>& errors) {
  std::string text =
      fmt::format("{} bad row{} in {}:", errors.size(), errors.size() == 1 ? "" : "s", name);
  for (std::size_t i = 0; i < errors.size() && i < k_max_listed_errors; ++i) {
    text += fmt::format("\n  {}:{}: {}", name, errors[i].first, errors[i].second);
  }
  if (errors.size() > k_max_listed_errors)
    text += fmt::format("\n  ... and {} more", errors.size() - k_max_listed_errors);
  return text;
}

// Distinct emails of `rows` not enrolled in the course in any role.
int count_unknown(SQLite::Database& db, std::int64_t course_id,
                  const std::vector<SubmissionRow>& rows) {
  std::set<std::string> enrolled, unknown;
  for (const auto& m : roster::list_members(db, course_id, std::nullopt, true))
    enrolled.insert(roster::normalize_email(m.email));
  for (const auto& r : rows) {
    if (!enrolled.count(r.email)) unknown.insert(r.email);
  }
  return static_cast<int>(unknown.size());
}

}  // namespace

std::vector<SubmissionRow> parse_submissions_csv(const std::string& bytes, const std::string& name,
                                                 const std::string& tz) {
  const auto records = parse_csv(bytes, name);
  if (records.empty())
    throw data_error(
        fmt::format("{}: empty file (need a header: email,submitted_at,score[,max_score])", name));
  const Columns columns = find_columns(records.front(), name);
  std::vector<SubmissionRow> rows;
  std::vector<std::pair<std::size_t, std::string>> errors;
  std::map<std::pair<std::string, TimePoint>, std::size_t> seen;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.fields.size() == 1 && trim(r.fields[0]).empty()) continue;  // blank line
    auto parsed = parse_row(r, columns, tz);
    if (auto* why = std::get_if<std::string>(&parsed)) {
      errors.emplace_back(r.line, *why);
      continue;
    }
    auto& row = std::get<SubmissionRow>(parsed);
    const auto [it, fresh] = seen.emplace(std::make_pair(row.email, row.submitted_at), r.line);
    if (!fresh) {
      errors.emplace_back(
          r.line, fmt::format("duplicate of line {} (same email and submitted_at)", it->second));
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) throw data_error(error_list(name, errors));
  if (rows.empty()) throw data_error(fmt::format("{}: no submissions after the header", name));
  return rows;
}

SubmissionsSummary import_submissions(SQLite::Database& db, const SubmissionsImport& request,
                                      const Clock& clock) {
  const auto course = roster::require_course(db, request.course);
  const auto assignment = require_assignment(db, course, request.assignment);
  if (!assignment.own_id)
    throw data_error(fmt::format("'{}' is not an assignment added with `cs351 assignments add`",
                                 request.assignment));
  const std::string name = request.path == "-" ? "<stdin>" : request.path;
  const auto rows = parse_submissions_csv(read_input(request.path), name, course.timezone);

  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement old(db,
                        "SELECT score, max_score FROM analytics_submissions WHERE assignment_id = "
                        "? AND email = ? AND submitted_at = ?");
  SQLite::Statement up(db, R"sql(
INSERT INTO analytics_submissions (assignment_id, email, submitted_at, score, max_score, source, imported_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (assignment_id, email, submitted_at) DO UPDATE SET score = ?4, max_score = ?5, source = ?6, imported_at = ?7)sql");
  const std::string now = format_utc(clock.now());
  SubmissionsSummary summary;
  for (const auto& row : rows) {
    const std::string when = format_utc(row.submitted_at);
    old.reset();
    old.bind(1, *assignment.own_id);
    old.bind(2, row.email);
    old.bind(3, when);
    if (old.executeStep()) {
      const std::optional<double> old_max =
          old.getColumn(1).isNull() ? std::nullopt
                                    : std::optional<double>(old.getColumn(1).getDouble());
      if (old.getColumn(0).getDouble() == row.score && old_max == row.max_score) {
        ++summary.unchanged;
        continue;
      }
      ++summary.updated;
    } else {
      ++summary.inserted;
    }
    up.reset();
    up.bind(1, *assignment.own_id);
    up.bind(2, row.email);
    up.bind(3, when);
    up.bind(4, row.score);
    row.max_score ? up.bind(5, *row.max_score) : up.bind(5);
    up.bind(6, name);
    up.bind(7, now);
    up.exec();
  }
  summary.people_unknown = count_unknown(db, course.id, rows);
  if (request.dry_run) return summary;  // the transaction rolls back
  store::append_event(db,
                      {"submissions.import",
                       course.code + "/" + assignment.name,
                       {{"file", name},
                        {"inserted", summary.inserted},
                        {"updated", summary.updated},
                        {"unchanged", summary.unchanged}}},
                      clock);
  tx.commit();
  return summary;
}

}  // namespace cs351::analytics
