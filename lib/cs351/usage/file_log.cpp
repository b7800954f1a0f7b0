#include "cs351/usage/file_log.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "cs351/core/crypto.h"
#include "cs351/core/time_format.h"

namespace cs351::usage {

std::string head_hash(const std::filesystem::path& path, std::uint64_t size) {
  const auto n = std::min<std::uint64_t>(size, 4096);
  std::string bytes(n, '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return fmt::format("{}:{}", bytes.size(), hex_encode(sha256(bytes)));
}

FileLog::FileLog(SQLite::Database& db, std::int64_t course_id, const Clock& clock)
    : m_course(course_id),
      m_clock(clock),
      m_find(db, R"sql(
SELECT agent, size, consumed, mtime, head_hash, reader_state FROM usage_files
WHERE course_id = ?1 AND person_id = ?2 AND path = ?3)sql"),
      m_save(db, R"sql(
INSERT INTO usage_files (course_id, person_id, path, agent, size, mtime, consumed, head_hash,
  reader_state, imported_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (course_id, person_id, path) DO UPDATE SET agent = excluded.agent,
  size = excluded.size, mtime = excluded.mtime, consumed = excluded.consumed,
  head_hash = excluded.head_hash, reader_state = excluded.reader_state,
  imported_at = excluded.imported_at)sql") {}

std::optional<FileMark> FileLog::find(std::int64_t person_id, const std::string& path) {
  auto& q = m_find;
  q.bind(1, m_course);
  q.bind(2, person_id);
  q.bind(3, path);
  if (!q.executeStep()) {
    q.reset();
    return std::nullopt;
  }
  FileMark m;
  m.agent = q.getColumn(0).getString() == "codex" ? Agent::codex : Agent::claude;
  m.size = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
  m.consumed = static_cast<std::uint64_t>(q.getColumn(2).getInt64());
  m.mtime = q.getColumn(3).getInt64();
  m.head_hash = q.getColumn(4).getString();
  m.reader_state = q.getColumn(5).getString();
  q.reset();
  return m;
}

void FileLog::save(std::int64_t person_id, const std::string& path, const FileMark& m) {
  auto& s = m_save;
  s.bind(1, m_course);
  s.bind(2, person_id);
  s.bind(3, path);
  s.bind(4, agent_name(m.agent));
  s.bind(5, static_cast<std::int64_t>(m.size));
  s.bind(6, m.mtime);
  s.bind(7, static_cast<std::int64_t>(m.consumed));
  s.bind(8, m.head_hash);
  s.bind(9, m.reader_state);
  s.bind(10, format_utc(m_clock.now()));
  s.exec();
  s.reset();
}

}  // namespace cs351::usage
