#include "cs351/usage/import.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <map>
#include <set>

#include "cs351/core/error.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/people.h"
#include "cs351/usage/discover.h"
#include "cs351/usage/file_log.h"
#include "cs351/usage/read_pool.h"
#include "cs351/usage/store_sink.h"

namespace cs351::usage {
namespace fs = std::filesystem;
namespace {

struct Student {
  std::int64_t person_id;
  std::vector<Transcript> files;
};

// Where archives are unpacked for one import; removed when it ends.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "cs351-usage-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw Error(ExitCode::failure, "cannot create a scratch folder");
    path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

// Every student must be on the roster before anything is written. The roster
// is read once (a query per student was a sixth of a re-import's time).
std::vector<Student> resolve(SQLite::Database& db, const roster::Course& course,
                             std::vector<StudentFiles> found) {
  std::map<std::string, std::int64_t> person_of;
  for (const auto& m : roster::list_members(db, course.id, std::nullopt, true))
    person_of.emplace(roster::normalize_email(m.email), m.person_id);
  std::vector<Student> out;
  std::vector<std::string> unknown;
  for (auto& s : found) {
    const auto member = person_of.find(roster::normalize_email(s.email));
    if (member != person_of.end()) {
      out.push_back({member->second, std::move(s.files)});
    } else {
      unknown.push_back(s.email);
    }
  }
  if (!unknown.empty())
    throw data_error(fmt::format("not on the {} roster: {} (nothing imported)", course.code,
                                 fmt::join(unknown, ", ")));
  return out;
}

std::int64_t count_calls(SQLite::Database& db, std::int64_t course_id) {
  SQLite::Statement q(db, "SELECT count(*) FROM usage_calls WHERE course_id = ?1");
  q.bind(1, course_id);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::string first_line(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  return line;
}

// Size and modification time from one stat (std::filesystem needs two, and a
// re-import of an unchanged tree is mostly these calls); the time counted as
// fs::last_write_time counts it, so file logs written before stay valid.
void stat_into(const fs::path& path, FileMark& mark) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw fs::filesystem_error("cannot read", path,
                               std::error_code(errno, std::generic_category()));
  using namespace std::chrono;
  const auto at = sys_seconds(seconds(st.st_mtim.tv_sec)) + nanoseconds(st.st_mtim.tv_nsec);
  mark.size = static_cast<std::uint64_t>(st.st_size);
  mark.mtime = static_cast<std::int64_t>(file_clock::from_sys(at).time_since_epoch().count());
}

// SQLite's page cache while an import writes: 16 MiB instead of the store's
// 64 MiB. With the large cache every page the import wrote was a fresh page
// of memory for the writer to fault in (a sixth of its time at 200 students);
// with the small one, pages go to the WAL as the cache fills and their memory
// is reused. The store's own size is put back afterwards.
class ImportCacheSize {
 public:
  explicit ImportCacheSize(SQLite::Database& db)
      : m_db(db), m_old(db.execAndGet("PRAGMA cache_size").getInt64()) {
    m_db.exec("PRAGMA cache_size = -16384");
  }
  ~ImportCacheSize() {
    try {
      m_db.exec(fmt::format("PRAGMA cache_size = {}", m_old));
    } catch (...) {  // a destructor must not throw; the connection keeps the import's size
    }
  }
  ImportCacheSize(const ImportCacheSize&) = delete;
  ImportCacheSize& operator=(const ImportCacheSize&) = delete;

 private:
  SQLite::Database& m_db;
  std::int64_t m_old;
};

// One changed file to read, and what its log entry will say.
struct Planned {
  std::int64_t person_id;
  std::string name;
  FileMark mark;
};

// Which files changed since the last import (the store is read here, on the
// writer's thread, before any worker starts). A path given twice is read once.
class Planner {
 public:
  Planner(FileLog& log, ImportSummary& summary) : m_log(log), m_summary(summary) {}

  void add(std::int64_t person_id, const Transcript& t) {
    const auto& path = t.path;
    FileMark mark;
    stat_into(path, mark);
    const auto old = m_log.find(person_id, t.name);
    if ((old && old->size == mark.size && old->mtime == mark.mtime) ||
        !m_seen.emplace(person_id, t.name).second) {
      ++m_summary.files_unchanged;
      return;
    }
    ++m_summary.files;
    const bool resume =
        old && mark.size >= old->consumed && head_hash(path, old->size) == old->head_hash;
    mark.agent = resume ? old->agent : detect_agent(first_line(path));
    jobs.push_back({path, t.name, mark.agent, mark.size, resume ? old->consumed : 0,
                    resume ? old->reader_state : std::string{}});
    planned.push_back({person_id, t.name, mark});
  }

  std::vector<ReadJob> jobs;
  std::vector<Planned> planned;  // one per job

 private:
  FileLog& m_log;
  ImportSummary& m_summary;
  std::set<std::pair<std::int64_t, std::string>> m_seen;
};

// Stores one file's findings, batch by batch, then where it stopped.
void write_file(ReadPool& pool, std::size_t index, Planned& p, StoreSink& sink, FileLog& log,
                ImportSummary& summary) {
  sink.begin_file(p.person_id, p.mark.agent);
  for (;;) {
    auto batch = pool.next(index);
    for (auto& f : batch.findings) sink.write(std::move(f));
    summary.calls += batch.calls_read;
    for (const auto& [reason, n] : batch.skipped) summary.skipped[skip_name(reason)] += n;
    if (!batch.last) continue;
    sink.write_sessions(batch.sessions);
    summary.lines += batch.stream.lines;
    if (batch.stream.too_long) summary.skipped[skip_name(Skip::too_long)] += batch.stream.too_long;
    p.mark.consumed = batch.stream.consumed;
    p.mark.head_hash = std::move(batch.head_hash);
    p.mark.reader_state = std::move(batch.reader_state);
    log.save(p.person_id, p.name, p.mark);
    return;
  }
}

}  // namespace

ImportSummary import_usage(SQLite::Database& db, const ImportOptions& o, const Clock& clock) {
  const auto course = roster::require_course(db, o.course);
  const ScratchDir scratch;
  const auto students = resolve(db, course, discover(o.paths, o.student, scratch.path));
  ImportSummary summary;
  summary.students = static_cast<std::int64_t>(students.size());
  const ImportCacheSize cache_size(db);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  FileLog log(db, course.id, clock);
  StoreSink sink(db, course.id, o.keep_prompts);
  Planner plan(log, summary);
  long total = 0;
  for (const auto& s : students) {
    total += static_cast<long>(s.files.size());
    for (const auto& f : s.files) plan.add(s.person_id, f);
  }
  // Counting a course's calls reads a whole index: not done when nothing changed.
  const bool changed = !plan.planned.empty();
  const auto before = changed ? count_calls(db, course.id) : 0;
  ReadPool pool(std::move(plan.jobs), o.workers ? o.workers : default_read_workers(),
                o.max_line_bytes);
  for (std::size_t i = 0; i < plan.planned.size(); ++i) {
    write_file(pool, i, plan.planned[i], sink, log, summary);
    // Unchanged files were done when planned; the rest as each is stored.
    if (o.progress) o.progress(summary.files_unchanged + static_cast<long>(i) + 1, total);
  }
  sink.flush_tool_counts();
  tx.commit();
  summary.new_calls = changed ? count_calls(db, course.id) - before : 0;
  summary.duplicates = summary.calls - summary.new_calls;
  return summary;
}

}  // namespace cs351::usage
