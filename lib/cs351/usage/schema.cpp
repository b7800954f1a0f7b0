#include "cs351/usage/schema.h"

namespace cs351::usage {

// usage_files: where each imported transcript stopped (bytes consumed, reader
// state), so a grown file is read on from there and an unchanged one skipped.
// usage_calls: one row per API call after de-duplication by call_key (message
// id + request id for Claude Code); `total` decides which copy is kept.
// usage_tools / usage_prompts / usage_sessions: what the stats report counts.
// Times are ISO-8601 UTC text with milliseconds.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"usage", 1, R"sql(
CREATE TABLE usage_files (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  agent TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  consumed INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  reader_state TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  UNIQUE (course_id, person_id, path)
);
CREATE TABLE usage_calls (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agent TEXT NOT NULL,
  call_key TEXT NOT NULL,
  session_id TEXT NOT NULL,
  at TEXT NOT NULL,
  model TEXT NOT NULL,
  project TEXT NOT NULL DEFAULT '',
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_write_5m_tokens INTEGER NOT NULL,
  cache_write_1h_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  total INTEGER NOT NULL,
  fast INTEGER NOT NULL DEFAULT 0,
  sidechain INTEGER NOT NULL DEFAULT 0,
  recorded_cost REAL,
  UNIQUE (course_id, person_id, agent, call_key)
);
CREATE INDEX usage_calls_by_person ON usage_calls(course_id, person_id, at);
CREATE TABLE usage_tools (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agent TEXT NOT NULL,
  tool_key TEXT NOT NULL,
  session_id TEXT NOT NULL,
  at TEXT NOT NULL,
  name TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  UNIQUE (course_id, person_id, agent, tool_key)
);
CREATE INDEX usage_tools_by_person ON usage_tools(course_id, person_id);
CREATE TABLE usage_prompts (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agent TEXT NOT NULL,
  prompt_key TEXT NOT NULL,
  session_id TEXT NOT NULL,
  at TEXT NOT NULL,
  length INTEGER NOT NULL,
  text TEXT,
  UNIQUE (course_id, person_id, agent, prompt_key)
);
CREATE INDEX usage_prompts_by_person ON usage_prompts(course_id, person_id);
CREATE TABLE usage_sessions (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agent TEXT NOT NULL,
  session_id TEXT NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  UNIQUE (course_id, person_id, agent, session_id)
);
)sql"},
      // Reports read a course's calls in time order: this index yields that
      // order, where sorting the rows cost a third of `usage stats`.
      {"usage", 2, R"sql(
CREATE INDEX usage_calls_by_time ON usage_calls(course_id, at);
)sql"},
      // Tool uses counted per student, name and detail, kept by the import:
      // a report over a whole course reads these instead of every tool row.
      // The by-person indexes cost every insert an index update for nothing:
      // tools' and prompts' repeated the prefix of their unique key, and no
      // query reads calls through usage_calls_by_person (EXPLAIN QUERY PLAN:
      // reports take usage_calls_by_time, also for one student).
      {"usage", 3, R"sql(
DROP INDEX usage_calls_by_person;
DROP INDEX usage_tools_by_person;
DROP INDEX usage_prompts_by_person;
CREATE TABLE usage_tool_counts (
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  detail TEXT NOT NULL,
  uses INTEGER NOT NULL,
  PRIMARY KEY (course_id, person_id, name, detail)
) WITHOUT ROWID;
INSERT INTO usage_tool_counts (course_id, person_id, name, detail, uses)
SELECT course_id, person_id, name, detail, count(*) FROM usage_tools
GROUP BY course_id, person_id, name, detail;
)sql"},
      // Slash commands are typed but are no prompt: kept, and counted apart.
      {"usage", 4, R"sql(
ALTER TABLE usage_prompts ADD COLUMN slash_command INTEGER NOT NULL DEFAULT 0
  CHECK (slash_command IN (0, 1));
)sql"},
  };
  return list;
}

}  // namespace cs351::usage
