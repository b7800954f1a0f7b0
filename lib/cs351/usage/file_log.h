#pragma once
// Where each imported transcript stopped, so re-imports skip unchanged files
// and read grown ones from their last complete line.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cs351/core/clock.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {

struct FileMark {
  Agent agent = Agent::claude;
  std::uint64_t size = 0, consumed = 0;
  std::int64_t mtime = 0;
  std::string head_hash, reader_state;
};

// "N:sha256" of the first N (at most 4096) bytes: a file that only grew keeps it.
std::string head_hash(const std::filesystem::path& path, std::uint64_t size);

// Its statements are prepared once: an import asks about every file it finds.
class FileLog {
 public:
  FileLog(SQLite::Database& db, std::int64_t course_id, const Clock& clock);
  std::optional<FileMark> find(std::int64_t person_id, const std::string& path);
  void save(std::int64_t person_id, const std::string& path, const FileMark& mark);

 private:
  std::int64_t m_course;
  const Clock& m_clock;
  SQLite::Statement m_find, m_save;
};

}  // namespace cs351::usage
