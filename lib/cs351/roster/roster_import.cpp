#include "cs351/roster/roster_import.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"
#include "cs351/store/events.h"

namespace cs351::roster {
namespace {

struct PersonRec {
  std::int64_t id;
  std::string name, first_name, last_name, sid, lms_id;
};

struct EnrollmentRec {
  std::string role, sections, status;
  std::string email;  // whose enrollment (for the change lines)
};

// The store's current state, loaded once so each row costs no query.
struct Snapshot {
  std::unordered_map<std::string, PersonRec> people;            // by email
  std::unordered_map<std::string, std::string> sid_owner;       // SID -> email, in this course
  std::unordered_map<std::int64_t, EnrollmentRec> enrollments;  // by person id, this course
};

Snapshot load_snapshot(SQLite::Database& db, std::int64_t course_id) {
  Snapshot s;
  const auto n = static_cast<std::size_t>(db.execAndGet("SELECT COUNT(*) FROM people").getInt64());
  s.people.reserve(n);
  s.sid_owner.reserve(n);
  SQLite::Statement people(
      db,
      "SELECT id, email, name, first_name, last_name, COALESCE(sid, ''), COALESCE(lms_id, '') "
      "FROM people");
  while (people.executeStep()) {
    PersonRec p{people.getColumn(0).getInt64(),  people.getColumn(2).getString(),
                people.getColumn(3).getString(), people.getColumn(4).getString(),
                people.getColumn(5).getString(), people.getColumn(6).getString()};
    s.people.emplace(people.getColumn(1).getString(), std::move(p));
  }
  SQLite::Statement owners(
      db,
      "SELECT p.sid, p.email FROM people p JOIN enrollments e ON e.person_id = p.id "
      "WHERE e.course_id = ? AND p.sid IS NOT NULL AND p.sid <> ''");
  owners.bind(1, course_id);
  while (owners.executeStep()) {
    s.sid_owner[owners.getColumn(0).getString()] = owners.getColumn(1).getString();
  }
  SQLite::Statement enr(
      db,
      "SELECT e.person_id, e.role, e.sections, e.status, p.email FROM enrollments e "
      "JOIN people p ON p.id = e.person_id WHERE e.course_id = ?");
  enr.bind(1, course_id);
  while (enr.executeStep()) {
    s.enrollments[enr.getColumn(0).getInt64()] = {
        enr.getColumn(1).getString(), enr.getColumn(2).getString(), enr.getColumn(3).getString(),
        enr.getColumn(4).getString()};
  }
  return s;
}

// Prepared once per import; each write is one bound exec. Strings are bound
// without copying: they outlive the exec.
class Writer {
 public:
  Writer(SQLite::Database& db, std::int64_t course_id, const std::string& now)
      : m_db(db),
        m_course(course_id),
        m_now(now),
        m_insert_person(
            db,
            "INSERT INTO people(email, name, first_name, last_name, sid, lms_id, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?)"),
        m_update_person(
            db,
            "UPDATE people SET name = ?, first_name = ?, last_name = ?, sid = NULLIF(?, ''), "
            "lms_id = NULLIF(?, ''), updated_at = ? WHERE id = ?"),
        m_insert_enrollment(
            db,
            "INSERT INTO enrollments(course_id, person_id, role, sections, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        m_update_enrollment(
            db,
            "UPDATE enrollments SET role = ?, sections = ?, status = ?, updated_at = ? "
            "WHERE course_id = ? AND person_id = ?") {}

  std::int64_t insert_person(const std::string& email, const PersonRec& p) {
    bind_all(m_insert_person, email, p.name, p.first_name, p.last_name, p.sid, p.lms_id, m_now,
             m_now);
    return m_db.getLastInsertRowid();
  }
  void update_person(const PersonRec& p) {
    bind_all(m_update_person, p.name, p.first_name, p.last_name, p.sid, p.lms_id, m_now, p.id);
  }
  void insert_enrollment(std::int64_t person_id, const EnrollmentRec& e) {
    bind_all(m_insert_enrollment, m_course, person_id, e.role, e.sections, e.status, m_now, m_now);
  }
  void update_enrollment(std::int64_t person_id, const EnrollmentRec& e) {
    bind_all(m_update_enrollment, e.role, e.sections, e.status, m_now, m_course, person_id);
  }

 private:
  static void bind_one(SQLite::Statement& q, int i, const std::string& v) { q.bindNoCopy(i, v); }
  static void bind_one(SQLite::Statement& q, int i, std::int64_t v) { q.bind(i, v); }

  template <typename... Args>
  static void bind_all(SQLite::Statement& q, const Args&... args) {
    q.reset();
    int i = 0;
    (bind_one(q, ++i, args), ...);
    q.exec();
  }

  SQLite::Database& m_db;
  std::int64_t m_course;
  std::string m_now;
  SQLite::Statement m_insert_person, m_update_person, m_insert_enrollment, m_update_enrollment;
};

void note_diff(std::vector<std::string>& diffs, const char* field, const std::string& from,
               const std::string& to) {
  if (from != to) diffs.push_back(fmt::format("{} '{}' -> '{}'", field, from, to));
}

// Person fields the row knows replace the stored ones; empty cells keep them.
PersonRec merged_person(const PersonRec& old, const RosterRow& row,
                        std::vector<std::string>& diffs) {
  PersonRec next = old;
  if (!row.name.empty()) next.name = row.name;
  if (!row.first_name.empty()) next.first_name = row.first_name;
  if (!row.last_name.empty()) next.last_name = row.last_name;
  if (!row.sid.empty()) next.sid = row.sid;
  if (!row.lms_id.empty()) next.lms_id = row.lms_id;
  note_diff(diffs, "name", old.name, next.name);
  note_diff(diffs, "first_name", old.first_name, next.first_name);
  note_diff(diffs, "last_name", old.last_name, next.last_name);
  note_diff(diffs, "sid", old.sid, next.sid);
  note_diff(diffs, "lms_id", old.lms_id, next.lms_id);
  return next;
}

EnrollmentRec wanted_enrollment(const RosterRow& row, const ImportOptions& options,
                                const EnrollmentRec* old) {
  EnrollmentRec e{row.role.value_or(options.default_role), nlohmann::json(row.sections).dump(),
                  row.status.value_or("enrolled"), row.email};
  if (row.sections.empty() && old != nullptr)
    e.sections = old->sections;  // no sections given: keep them
  return e;
}

// A SID names one person within a course: twice in the file, or held by
// someone else enrolled in this course, is a conflict. Another course may know
// the SID under another email (an alias, another campus' system).
std::vector<std::string> sid_conflicts(const Snapshot& s, const std::vector<RosterRow>& rows,
                                       const ImportOptions& o, const std::string& course) {
  std::vector<std::string> problems;
  std::unordered_map<std::string, const RosterRow*> in_file;
  in_file.reserve(rows.size());
  for (const auto& row : rows) {
    if (row.sid.empty()) continue;
    if (auto [it, fresh] = in_file.emplace(row.sid, &row); !fresh) {
      problems.push_back(fmt::format("{}:{}: SID {} is also given to {} (line {})", o.source,
                                     row.line, row.sid, it->second->email, it->second->line));
      continue;
    }
    auto owner = s.sid_owner.find(row.sid);
    if (owner != s.sid_owner.end() && owner->second != row.email) {
      problems.push_back(fmt::format(
          "{}:{}: SID {} of {} already belongs to {} in {}: fix the SID in the file, or, if "
          "they are one person under a new email, remove {} from {}'s roster first",
          o.source, row.line, row.sid, row.email, owner->second, course, owner->second, course));
    }
  }
  return problems;
}

}  // namespace

ImportSummary apply_roster(SQLite::Database& db, const Course& course,
                           const std::vector<RosterRow>& rows, const ImportOptions& options,
                           const Clock& clock) {
  Snapshot snap = load_snapshot(db, course.id);
  if (auto problems = sid_conflicts(snap, rows, options, course.code); !problems.empty()) {
    throw data_error(fmt::format("{}\n{} problem(s); nothing was imported",
                                 fmt::join(problems, "\n"), problems.size()));
  }
  Writer writer(db, course.id, format_utc(clock.now()));
  ImportSummary sum;
  std::set<std::string> roles_in_file;
  std::unordered_set<std::int64_t> seen;
  seen.reserve(rows.size());
  for (const auto& row : rows) {
    auto person = snap.people.find(row.email);
    std::vector<std::string> diffs;
    std::int64_t person_id;
    if (person == snap.people.end()) {
      person_id = writer.insert_person(
          row.email, {0, row.name, row.first_name, row.last_name, row.sid, row.lms_id});
    } else {
      person_id = person->second.id;
      PersonRec next = merged_person(person->second, row, diffs);
      if (!diffs.empty()) writer.update_person(next);
    }
    seen.insert(person_id);
    auto old = snap.enrollments.find(person_id);
    const EnrollmentRec* old_rec = old == snap.enrollments.end() ? nullptr : &old->second;
    const EnrollmentRec want = wanted_enrollment(row, options, old_rec);
    roles_in_file.insert(want.role);
    if (old_rec == nullptr) {
      writer.insert_enrollment(person_id, want);
      ++sum.inserted;
      if (options.list_changes) sum.changes.push_back({"add", row.email, want.role, {}});
      continue;
    }
    note_diff(diffs, "role", old_rec->role, want.role);
    note_diff(diffs, "sections", old_rec->sections, want.sections);
    note_diff(diffs, "status", old_rec->status, want.status);
    if (diffs.empty()) {
      ++sum.unchanged;
      continue;
    }
    if (old_rec->role != want.role || old_rec->sections != want.sections ||
        old_rec->status != want.status) {
      writer.update_enrollment(person_id, want);
    }
    ++sum.updated;
    if (options.list_changes) {
      sum.changes.push_back({"update", row.email, want.role, diffs});
    }
  }
  if (options.sync) {
    for (const auto& [person_id, e] : snap.enrollments) {
      if (seen.count(person_id) || e.status != "enrolled" || !roles_in_file.count(e.role)) continue;
      writer.update_enrollment(person_id, {e.role, e.sections, "dropped", e.email});
      ++sum.removed;
      if (options.list_changes) {
        sum.changes.push_back({"drop", e.email, e.role, {}});
      }
    }
  }
  return sum;
}

std::string change_text(const RosterChange& c) {
  if (c.action == "update")
    return fmt::format("update  {}: {}", c.email, fmt::join(c.details, ", "));
  return fmt::format("{:<8}{} ({})", c.action, c.email, c.role);
}

ImportSummary import_roster(SQLite::Database& db, const std::string& course_code,
                            std::string_view bytes, const ImportOptions& options,
                            const Clock& clock) {
  RosterFile file = read_roster(bytes, options.source, options.read);
  if (!file.problems.empty()) {
    throw data_error(fmt::format("{}\n{} problem(s) in {}; nothing was imported",
                                 fmt::join(file.problems, "\n"), file.problems.size(),
                                 options.source));
  }
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const Course course = require_course(db, course_code);
  ImportSummary sum = apply_roster(db, course, file.rows, options, clock);
  sum.skipped = std::move(file.skipped);
  if (options.dry_run) return sum;  // the transaction rolls back: nothing written
  store::append_event(db,
                      {"roster.import",
                       course.code,
                       {{"source", options.source},
                        {"sync", options.sync},
                        {"inserted", sum.inserted},
                        {"updated", sum.updated},
                        {"unchanged", sum.unchanged},
                        {"removed", sum.removed}}},
                      clock);
  tx.commit();
  return sum;
}

}  // namespace cs351::roster
