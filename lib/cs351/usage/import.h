#pragma once
// `usage import`: transcripts (files, ~/.claude/projects or ~/.codex/sessions
// trees, or a folder with one sub-folder per student named by email) into the
// store. Streaming and idempotent; a grown file is read on from where it stopped.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::usage {

struct ImportOptions {
  std::vector<std::string> paths;
  std::string course;
  std::optional<std::string> student;  // else from the folder names
  bool keep_prompts = false;           // else only prompt lengths are stored
  std::int64_t max_line_bytes = 64 << 20;
  unsigned workers = 0;  // threads reading files, 0: one per core (the store has one writer)
  // After each file: how many of the files found are done, of how many.
  std::function<void(long done, long total)> progress{};
};

struct ImportSummary {
  std::int64_t students = 0, files = 0, files_unchanged = 0, lines = 0;
  std::int64_t calls = 0;                       // API calls read (every copy)
  std::int64_t new_calls = 0;                   // after de-duplication, not in the store before
  std::int64_t duplicates = 0;                  // copies merged into a call already seen
  std::map<std::string, std::int64_t> skipped;  // by reason
};

// Throws a data Error (65) naming any student email not on the course roster,
// before anything is written; a usage Error when no student can be told.
ImportSummary import_usage(SQLite::Database& db, const ImportOptions& options,
                           const Clock& clock = system_clock());

}  // namespace cs351::usage
