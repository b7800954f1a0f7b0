#include "cs351/usage/query.h"

#include <SQLiteCpp/Statement.h>
#include <date/date.h>
#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/pseudonym.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"

namespace cs351::usage {
namespace {

Scope scope_of(SQLite::Database& db, const roster::Course& c, const Filter& f) {
  Scope s{c.id, c.code, f.utc ? std::string{"UTC"} : c.timezone, std::nullopt, {}};
  for (const auto& m : roster::list_members(db, c.id, std::nullopt, true))
    s.emails[m.person_id] = f.anonymize ? student_pseudonym(c.code, m.email) : m.email;
  if (f.student) {
    const auto m = roster::find_member(db, c.id, roster::normalize_email(*f.student));
    if (!m) throw data_error(fmt::format("{} is not on the {} roster", *f.student, c.code));
    s.person_id = m->person_id;
  }
  return s;
}

void assign_text(std::string& to, SQLite::Statement& q, int column) {
  const auto c = q.getColumn(column);
  to.assign(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

// Fills the row's call in place, so its strings keep their buffers from row to row.
void read_call(SQLite::Statement& q, ApiCall& c) {
  assign_text(c.session_id, q, 1);
  assign_text(c.at, q, 2);
  assign_text(c.model, q, 3);
  assign_text(c.project, q, 4);
  c.input = q.getColumn(5).getInt64();
  c.output = q.getColumn(6).getInt64();
  c.cache_write_5m = q.getColumn(7).getInt64();
  c.cache_write_1h = q.getColumn(8).getInt64();
  c.cache_read = q.getColumn(9).getInt64();
  c.reasoning = q.getColumn(10).getInt64();
  c.fast = q.getColumn(11).getInt() != 0;
  c.sidechain = q.getColumn(12).getInt() != 0;
  c.recorded_cost.reset();
  if (!q.getColumn(13).isNull()) c.recorded_cost = q.getColumn(13).getDouble();
}

}  // namespace

std::string student_pseudonym(const std::string& course_code, const std::string& email) {
  return pseudonym(to_lower_ascii(course_code), email);
}

std::string local_day(const std::string& at, const std::string& timezone) {
  if (timezone.empty() || timezone == "UTC") return at.substr(0, 10);
  const auto t = parse_time(at);
  if (!t) return at.substr(0, 10);
  const auto local = in_zone(*t, timezone).local;
  return date::format("%F", date::sys_days(date::floor<date::days>(local).time_since_epoch()));
}

bool in_range(const Filter& f, const std::string& day) {
  return (!f.since || day >= *f.since) && (!f.until || day <= *f.until);
}

std::vector<Scope> scopes(SQLite::Database& db, const Filter& f) {
  std::vector<Scope> out;
  if (f.course) {
    out.push_back(scope_of(db, roster::require_course(db, *f.course), f));
    return out;
  }
  for (const auto& c : roster::list_courses(db)) {
    if (f.student && !roster::find_member(db, c.id, roster::normalize_email(*f.student))) continue;
    out.push_back(scope_of(db, c, f));
  }
  return out;
}

void for_each_call(SQLite::Database& db, const Filter& f,
                   const std::function<void(const CallRow&)>& fn) {
  for (const auto& s : scopes(db, f)) {
    SQLite::Statement q(db, R"sql(
SELECT person_id, session_id, at, model, project, input_tokens, output_tokens,
  cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, reasoning_tokens, fast,
  sidechain, recorded_cost, agent
FROM usage_calls WHERE course_id = ?1 AND (?2 IS NULL OR person_id = ?2) ORDER BY at, id)sql");
    q.bind(1, s.course_id);
    if (s.person_id) q.bind(2, *s.person_id);
    CallRow row;
    row.course = s.code;
    // Calls come in time order: the day changes only when the minute does
    // (zones differ from UTC by whole minutes), so convert once per minute.
    std::string minute, day;
    while (q.executeStep()) {
      read_call(q, row.call);
      if (row.call.at.compare(0, 16, minute) != 0) {
        minute.assign(row.call.at, 0, 16);
        day = local_day(row.call.at, s.timezone);
      }
      row.day = day;
      if (!in_range(f, row.day)) continue;
      row.person_id = q.getColumn(0).getInt64();
      const auto it = s.emails.find(row.person_id);
      if (it == s.emails.end()) {
        row.student.clear();
      } else {
        row.student = it->second;
      }
      assign_text(row.agent, q, 14);
      fn(row);
    }
  }
}

}  // namespace cs351::usage
