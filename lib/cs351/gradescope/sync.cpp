#include "cs351/gradescope/sync.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <chrono>

#include "cs351/core/lock_file.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/mirror.h"
#include "cs351/gradescope/pages/extensions_page.h"
#include "cs351/gradescope/roster_diff.h"
#include "cs351/gradescope/roster_merge.h"
#include "cs351/store/events.h"

namespace cs351::gradescope {
namespace {

std::string thousands(int n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string tally_text(const Tally& t, const char* noun) {
  std::string changes;
  if (t.inserted) changes += fmt::format("{} new", thousands(t.inserted));
  if (t.updated)
    changes += fmt::format("{}{} updated", changes.empty() ? "" : ", ", thousands(t.updated));
  return fmt::format("{} {}{}", thousands(t.total()), noun,
                     changes.empty() ? "" : " (" + changes + ")");
}

ExitCode worse(ExitCode a, ExitCode b) {
  // The highest code wins: 77 (login gone) > 75 (throttled) > 69 (down) > 65 (page changed).
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

struct AssignmentRef {
  std::int64_t local_id;
  std::string gradescope_id, title;
};

class CourseSyncer {
 public:
  CourseSyncer(SQLite::Database& db, Session& session, const roster::Course& course,
               const std::set<Part>& parts, const Clock& clock, const SyncProgress& progress)
      : m_db(db),
        m_session(session),
        m_course(course),
        m_parts(parts),
        m_clock(clock),
        m_progress(progress) {
    m_result.code = course.code;
  }

  CourseSync run() {
    const auto start = std::chrono::steady_clock::now();
    const int requests_before = m_session.requests();
    guarded("roster", [&] {
      if (m_parts.count(Part::roster)) sync_roster();
    });
    std::vector<AssignmentRef> assignments;
    guarded("assignments", [&] {
      if (m_parts.count(Part::assignments) || m_parts.count(Part::scores) ||
          m_parts.count(Part::history)) {
        assignments = sync_assignments();
      }
    });
    for (std::size_t i = 0; i < assignments.size(); ++i) {
      const auto& a = assignments[i];
      const int done = static_cast<int>(i), total = static_cast<int>(assignments.size());
      if (m_parts.count(Part::scores))
        guarded(a.title + " scores", [&] { sync_scores(a, done, total); });
      if (m_parts.count(Part::history))
        guarded(a.title + " history", [&] { sync_history(a, done, total); });
    }
    m_result.requests = m_session.requests() - requests_before;
    m_result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return m_result;
  }

 private:
  // Runs one step; a failure is recorded and the course goes on, except when
  // the site is unreachable or throttling us (the next steps would fail too)
  // or the login is gone (the whole run stops).
  void guarded(const std::string& what, const std::function<void()>& step) {
    if (m_stop) return;
    try {
      step();
    } catch (const Error& e) {
      if (e.code() == ExitCode::no_perm) throw;
      m_result.failures.push_back(fmt::format("{}: {}", what, e.what()));
      m_result.status = worse(m_result.status, e.code());
      if (e.code() == ExitCode::unavailable || e.code() == ExitCode::temporary) m_stop = true;
    }
  }

  std::string path(const std::string& rest) const {
    return fmt::format("/courses/{}{}", *m_course.gradescope_course_id, rest);
  }
  std::string now() const { return format_utc(m_clock.now()); }
  void step(const std::string& what, int done, int total) const {
    if (m_progress) m_progress(m_course.code + ": " + what, done, total);
  }

  void sync_roster() {
    step("roster", 0, 1);
    const auto page = path("/memberships");
    const auto members = parse_memberships(m_session.get(page).body, page);
    WriteUnit unit(m_db);
    m_result.members = save_members(m_db, m_course.id, members, now());
    if (auto merged = merge_into_roster(m_db, m_course, members, "gradescope:" + page, m_clock);
        !merged.empty()) {
      m_result.notes.push_back(std::move(merged));
    }
    m_result.roster_differences = roster_differences(m_db, m_course.id);
    unit.commit();
  }

  // The course's own zone; when it is left at UTC, the one Gradescope shows on an extensions page.
  std::string course_timezone(const std::vector<AssignmentRow>& rows) {
    if (m_course.timezone != "UTC" || rows.empty()) return m_course.timezone;
    const auto page = path(fmt::format("/assignments/{}/extensions", rows.front().id));
    try {
      const auto zone = parse_extensions_timezone(m_session.get(page).body, page);
      if (is_valid_timezone(zone)) return zone;
      m_result.notes.push_back(
          fmt::format("Gradescope's time zone '{}' is unknown here; dates read as UTC", zone));
    } catch (const Error& e) {
      if (e.code() == ExitCode::no_perm) throw;
      m_result.notes.push_back(
          fmt::format("no course time zone ({}); dates read as UTC until {} has a time zone",
                      e.what(), m_course.code));
    }
    return "UTC";
  }

  std::vector<AssignmentRef> sync_assignments() {
    step("assignments", 0, 1);
    const auto page = path("/assignments");
    const auto rows = parse_assignments(m_session.get(page).body, page);
    m_result.timezone = course_timezone(rows);
    const auto records = to_records(rows, m_result.timezone);
    std::map<std::string, std::int64_t> ids;
    WriteUnit unit(m_db);
    const Tally tally = save_assignments(m_db, m_course.id, records, now(), ids);
    unit.commit();
    if (m_parts.count(Part::assignments)) m_result.assignments = tally;
    std::vector<AssignmentRef> out;
    for (const auto& r : records)
      out.push_back({ids.at(r.gradescope_id), r.gradescope_id, r.title});
    return out;
  }

  void sync_scores(const AssignmentRef& a, int index, int total) {
    step("scores " + a.title, index, total);
    const auto page = path(fmt::format("/assignments/{}/scores.csv", a.gradescope_id));
    const auto rows = parse_scores_csv(m_session.get(page).body, page);
    WriteUnit unit(m_db);
    const Tally t = save_scores(m_db, a.local_id, rows, now());
    unit.commit();
    m_result.scores += t;
  }

  void sync_history(const AssignmentRef& a, int index, int total) {
    step("history " + a.title, index, total);
    const auto base = path(fmt::format("/assignments/{}/submissions", a.gradescope_id));
    const auto owners = parse_submissions_manager(m_session.get(base).body, base);
    std::vector<std::pair<std::vector<std::string>, std::vector<PastSubmission>>> fetched;
    for (const auto& [id, emails] : owners) {
      const auto page =
          fmt::format("{}/{}.json?content=react&only_keys%5B%5D=past_submissions", base, id);
      fetched.emplace_back(
          emails, parse_past_submissions(m_session.get(page).body, base + "/" + id + ".json"));
    }
    WriteUnit unit(m_db);
    for (const auto& [emails, attempts] : fetched) {
      m_result.submissions += save_history(m_db, a.local_id, emails, attempts, now());
    }
    unit.commit();
  }

  SQLite::Database& m_db;
  Session& m_session;
  const roster::Course& m_course;
  const std::set<Part>& m_parts;
  const Clock& m_clock;
  const SyncProgress& m_progress;
  CourseSync m_result;
  bool m_stop = false;
};

std::vector<roster::Course> courses_to_sync(SQLite::Database& db,
                                            const std::vector<std::string>& codes) {
  std::vector<roster::Course> out;
  if (codes.empty()) {
    for (auto& c : roster::list_courses(db)) {
      if (c.active && c.gradescope_course_id) out.push_back(std::move(c));
    }
    if (out.empty())
      throw usage_error(
          "no active course is linked to Gradescope; link one with: cs351 course link CODE "
          "GRADESCOPE_ID");
    return out;
  }
  for (const auto& code : codes) {
    auto c = roster::require_course(db, code);
    if (!c.gradescope_course_id) {
      throw usage_error(fmt::format(
          "course {} is not linked to Gradescope; link it with: cs351 course link {} GRADESCOPE_ID",
          c.code, c.code));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::set<Part> parse_parts(const std::string& list) {
  std::set<Part> out;
  for (const auto& raw : split(list, ',')) {
    const std::string p(trim(raw));
    if (p == "roster")
      out.insert(Part::roster);
    else if (p == "assignments")
      out.insert(Part::assignments);
    else if (p == "scores")
      out.insert(Part::scores);
    else if (p == "history")
      out.insert(Part::history);
    else
      throw usage_error(
          fmt::format("unknown part '{}' (choose from roster, assignments, scores, history)", p));
  }
  return out;
}

ExitCode SyncReport::status() const {
  ExitCode s = ExitCode::ok;
  for (const auto& c : courses) s = worse(s, c.status);
  return s;
}

SyncReport sync(store::Store& store, Session& session, const SyncOptions& options,
                const Clock& clock, const SyncProgress& progress) {
  LockFile lock(store.data_dir() / "gradescope-sync.lock", "`cs351 gradescope sync`");
  auto& db = store.db();
  const auto courses = courses_to_sync(db, options.courses);
  const std::set<Part> parts = options.parts.empty()
                                   ? std::set<Part>{Part::roster, Part::assignments, Part::scores}
                                   : options.parts;
  SyncReport report;
  report.dry_run = options.dry_run;
  // A dry run does all its writes inside one transaction that is never committed.
  std::optional<WriteUnit> dry;
  if (options.dry_run) dry.emplace(db);
  for (const auto& course : courses) {
    report.courses.push_back(CourseSyncer(db, session, course, parts, clock, progress).run());
    if (!options.dry_run) {
      const auto& r = report.courses.back();
      store::append_event(
          db,
          {"gradescope.sync",
           course.code,
           {{"summary", summary_line(r)}, {"failures", r.failures}, {"requests", r.requests}}},
          clock);
    }
  }
  return report;
}

std::string summary_line(const CourseSync& c) {
  std::vector<std::string> parts;
  if (c.assignments.total()) parts.push_back(tally_text(c.assignments, "assignments"));
  if (c.members.total()) parts.push_back(tally_text(c.members, "members"));
  if (c.scores.total()) parts.push_back(tally_text(c.scores, "scores"));
  if (c.submissions.total()) parts.push_back(tally_text(c.submissions, "past submissions"));
  std::string text = c.code + ": ";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  if (parts.empty()) text += "nothing synced";
  text += fmt::format(" in {:.0f} s", c.seconds);
  if (!c.failures.empty()) text += fmt::format("; {} failed", c.failures.size());
  return text;
}

}  // namespace cs351::gradescope
