#include "cs351/analytics/feature_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "cs351/analytics/agent_features.h"
#include "cs351/analytics/attempts.h"
#include "cs351/analytics/decimal.h"
#include "cs351/core/csv.h"
#include "cs351/core/error.h"
#include "cs351/core/pseudonym.h"
#include "cs351/core/text.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"
#include "cs351/roster/role.h"

namespace cs351::analytics {
namespace {

using Roster = std::map<std::string, roster::Member>;

// Everyone enrolled in the course (dropped included), by lower-case email.
Roster roster_of(SQLite::Database& db, std::int64_t course_id) {
  Roster out;
  for (auto& m : roster::list_members(db, course_id, std::nullopt, true))
    out[roster::normalize_email(m.email)] = std::move(m);
  return out;
}

// Why someone with attempts is not clustered, or "" when they are a student in good standing.
std::string exclusion_reason(const Roster& roster, const std::string& email) {
  const auto it = roster.find(email);
  if (it == roster.end()) return "not on the course roster";
  if (roster::is_staff(it->second.role)) return "staff (" + it->second.role + ")";
  if (it->second.status != "enrolled") return "dropped";
  return "";
}

FeatureTable file_header(const CsvRecord& header, const std::string& name) {
  if (header.fields.size() < 2)
    throw data_error(
        fmt::format("{}:{}: need an id column and at least one feature column", name, header.line));
  FeatureTable t;
  t.id_field = "id";
  std::set<std::string> seen;
  for (std::size_t i = 1; i < header.fields.size(); ++i) {
    const std::string column(trim(header.fields[i]));
    if (column.empty())
      throw data_error(fmt::format("{}:{}: column {} has no name", name, header.line, i + 1));
    if (!seen.insert(column).second)
      throw data_error(fmt::format("{}:{}: duplicate column '{}'", name, header.line, column));
    t.features.push_back(column);
    t.clustered.push_back(true);
  }
  return t;
}

}  // namespace

FeatureTable course_feature_table(SQLite::Database& db, autograde::Queue& runs,
                                  const CourseFeatures& request) {
  const auto course = roster::require_course(db, request.course);
  const auto assignment =
      require_assignment(db, course, request.assignment, request.autograde_name);
  const auto members = roster_of(db, course.id);
  FeatureOptions options{course.timezone, assignment.due,
                         request.max_points ? request.max_points : assignment.max_points,
                         request.session_gap};

  FeatureTable t;
  for (const auto& spec : feature_specs()) {
    t.features.push_back(spec.name);
    t.clustered.push_back(spec.clustered &&
                          (assignment.due || std::string(spec.name) != "start_lead_hours"));
  }
  std::map<std::string, std::vector<Attempt>> by_email;
  for (auto& a : load_attempts(db, runs, assignment)) by_email[a.email].push_back(std::move(a));
  std::map<std::string, std::size_t> attempt_counts;
  for (const auto& [email, attempts] : by_email) attempt_counts[email] = attempts.size();
  for (auto& [email, attempts] : by_email) {
    const auto member = members.find(email);
    const std::string name = member == members.end() ? "" : member->second.name;
    if (const auto why = exclusion_reason(members, email); !why.empty()) {
      t.excluded.push_back({email, name, why});
      continue;
    }
    t.rows.push_back({email, name, compute_features(std::move(attempts), options)});
  }
  for (const auto& [email, m] : members) {
    if (!roster::is_staff(m.role) && m.status == "enrolled" && !by_email.count(email))
      t.excluded.push_back({email, m.name, "no submissions"});
  }
  if (request.with_usage) add_agent_features(db, course, assignment, attempt_counts, t);
  return t;
}

FeatureTable read_feature_table_csv(const std::string& bytes, const std::string& name) {
  const auto records = parse_csv(bytes, name);
  if (records.empty())
    throw data_error(fmt::format("{}: empty file (need a header: id,feature1,feature2,...)", name));
  FeatureTable t = file_header(records.front(), name);
  std::set<std::string> ids;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;
    if (rec.fields.size() != t.features.size() + 1) {
      throw data_error(fmt::format("{}:{}: {} cells, the header has {}", name, rec.line,
                                   rec.fields.size(), t.features.size() + 1));
    }
    Subject s{std::string(trim(rec.fields[0])), "", {}};
    if (s.id.empty()) throw data_error(fmt::format("{}:{}: empty id", name, rec.line));
    if (!ids.insert(s.id).second)
      throw data_error(fmt::format("{}:{}: duplicate id '{}'", name, rec.line, s.id));
    for (std::size_t j = 1; j < rec.fields.size(); ++j) {
      if (trim(rec.fields[j]).empty()) {
        s.values.push_back(std::nullopt);
        continue;
      }
      const auto v = parse_decimal(rec.fields[j]);
      if (!v)
        throw data_error(fmt::format("{}:{}: {}: '{}' is not a number", name, rec.line,
                                     t.features[j - 1], rec.fields[j]));
      s.values.push_back(v);
    }
    t.rows.push_back(std::move(s));
  }
  if (t.rows.empty()) throw data_error(fmt::format("{}: no rows after the header", name));
  return t;
}

void anonymize(FeatureTable& table, const std::string& salt) {
  for (auto& s : table.rows) s.name = s.id = pseudonym(salt, s.id);
  for (auto& e : table.excluded) e.name = e.id = pseudonym(salt, e.id);
  std::sort(table.rows.begin(), table.rows.end(),
            [](const Subject& a, const Subject& b) { return a.id < b.id; });
}

}  // namespace cs351::analytics
