#include "cs351/usage/import.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <stdlib.h>

#include <fstream>

#include "cs351/core/error.h"
#include "cs351/roster/course.h"
#include "cs351/roster/people.h"
#include "cs351/usage/discover.h"
#include "cs351/usage/file_log.h"
#include "cs351/usage/line_stream.h"
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

// Every student must be on the roster before anything is written.
std::vector<Student> resolve(SQLite::Database& db, const roster::Course& course,
                             std::vector<StudentFiles> found) {
  std::vector<Student> out;
  std::vector<std::string> unknown;
  for (auto& s : found) {
    const auto member = roster::find_member(db, course.id, s.email);
    if (member) {
      out.push_back({member->person_id, std::move(s.files)});
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

std::int64_t mtime_of(const fs::path& path) {
  return static_cast<std::int64_t>(fs::last_write_time(path).time_since_epoch().count());
}

class FileImporter {
 public:
  FileImporter(FileLog& log, StoreSink& sink, const ImportOptions& o, ImportSummary& summary)
      : m_log(log), m_sink(sink), m_options(o), m_summary(summary) {}

  void import(std::int64_t person_id, const Transcript& t) {
    const auto& path = t.path;
    const auto& name = t.name;
    FileMark mark;
    mark.size = fs::file_size(path);
    mark.mtime = mtime_of(path);
    const auto old = m_log.find(person_id, name);
    if (old && old->size == mark.size && old->mtime == mark.mtime) {
      ++m_summary.files_unchanged;
      return;
    }
    ++m_summary.files;
    const bool resume =
        old && mark.size >= old->consumed && head_hash(path, old->size) == old->head_hash;
    mark.agent = resume ? old->agent : detect_agent(first_line(path));
    auto reader = make_reader(mark.agent);
    if (resume) reader->restore(old->reader_state);
    m_sink.begin_file(person_id, mark.agent);
    const auto r = stream_lines(
        path, resume ? old->consumed : 0, m_options.max_line_bytes,
        [&](std::string_view line, std::uint64_t offset) {
          const auto skip = reader->read_line(line, fmt::format("{}:{}", name, offset), m_sink);
          if (skip != Skip::none) ++m_summary.skipped[skip_name(skip)];
        },
        [](std::string_view tail) { return nlohmann::json::accept(tail); });
    m_sink.end_file();
    m_summary.lines += r.lines;
    if (r.too_long) m_summary.skipped[skip_name(Skip::too_long)] += r.too_long;
    mark.consumed = r.consumed;
    mark.head_hash = head_hash(path, mark.size);
    mark.reader_state = reader->state();
    m_log.save(person_id, name, mark);
  }

 private:
  FileLog& m_log;
  StoreSink& m_sink;
  const ImportOptions& m_options;
  ImportSummary& m_summary;
};

}  // namespace

ImportSummary import_usage(SQLite::Database& db, const ImportOptions& o, const Clock& clock) {
  const auto course = roster::require_course(db, o.course);
  const ScratchDir scratch;
  const auto students = resolve(db, course, discover(o.paths, o.student, scratch.path));
  ImportSummary summary;
  summary.students = static_cast<std::int64_t>(students.size());
  const auto before = count_calls(db, course.id);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  FileLog log(db, course.id, clock);
  StoreSink sink(db, course.id, o.keep_prompts);
  FileImporter importer(log, sink, o, summary);
  long total = 0, done = 0;
  for (const auto& s : students) total += static_cast<long>(s.files.size());
  for (const auto& s : students) {
    for (const auto& f : s.files) {
      importer.import(s.person_id, f);
      if (o.progress) o.progress(++done, total);
    }
  }
  tx.commit();
  summary.calls = sink.calls_read();
  summary.new_calls = count_calls(db, course.id) - before;
  summary.duplicates = summary.calls - summary.new_calls;
  return summary;
}

}  // namespace cs351::usage
